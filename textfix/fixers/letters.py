FIXERS = ("restore_letters", "restore_symbols")
def propose(text, ctx):
    return []
