"""Word statistics: wordfreq plus the tables shipped in ``data/``, loaded lazily."""
