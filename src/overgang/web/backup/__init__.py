"""Backup and restore of the whole database (`overgang backup`, `overgang restore`).

A plain package, not an app: it holds no model. `archive` writes and reads the backup
file (the database's dump and a manifest of counts and its checksum), `engines` dumps and
restores SQLite and PostgreSQL, `services` holds the two audited use cases.
"""
