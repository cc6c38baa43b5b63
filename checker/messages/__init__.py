"""Message catalogues, one TOML file per language (see ``checker.i18n``)."""
