"""Word statistics: the shipped tables in ``data/`` (see :mod:`.tables`), rebuilt by :mod:`.build` from the
dev split (:mod:`.split`), loaded lazily, plus wordfreq where a plain word list is enough."""
