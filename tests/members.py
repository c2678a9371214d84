"""A second member of a shared library: a database role of its own on the test server."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, make_url

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextmanager
def member_role(library_url: str, prefix: str = "member") -> Iterator[str]:
    """Make a login role that may use the library at library_url; yield the library's URL
    as that role. The role and its privileges are dropped afterwards."""
    url = make_url(library_url)
    role = f"{prefix}_{uuid.uuid4().hex[:12]}"
    owner = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with owner.connect() as connection:
            connection.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
            connection.exec_driver_sql(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
            )
            connection.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
        yield url.set(username=role).render_as_string(hide_password=False)
    finally:
        with owner.connect() as connection:
            for kind in ("TABLES", "SEQUENCES"):
                connection.exec_driver_sql(
                    f"REVOKE ALL ON ALL {kind} IN SCHEMA public FROM {role}"
                )
            connection.exec_driver_sql(f"DROP ROLE {role}")
        owner.dispose()
