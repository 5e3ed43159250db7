"""Storage: SQLAlchemy models, repositories, migrations and the audit chain.

* :mod:`app.storage.database` — ``Database`` (open, for_data_dir, transaction, upgrade).
* :mod:`app.storage.dialect` — every SQLite/PostgreSQL difference (pragmas, locks, triggers).
* :mod:`app.storage.models` — the schema as SQLAlchemy models.
* :mod:`app.storage.repositories` — thin data access for the services.
* :mod:`app.storage.audit` — ``AuditLog`` (append, head, verify).
* :mod:`app.storage.location` — refusal of data folders on network shares.

Importing this package has no side effects.
"""
