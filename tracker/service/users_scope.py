"""The districts an account may write, as an administrator gives them on the users page.

Each function asks the database first whether the credential may manage users
(``author_of``), then writes; nothing is written when it may not, nor when a name is no
district of Hanoi (AccountError "unknown_district").
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker import service
from tracker.domain.access import Credential, Permission, Role
from tracker.storage.accounts import Accounts, Identity, check_districts, normalise_username
from tracker.storage.ledger import Ledger


def add_user(
    ledger: Ledger,
    credential: Credential,
    username: str,
    display_name: str,
    role: Role | str,
    password: str,
    districts: Iterable[str] = (),
) -> Identity:
    """An administrator adds an account that may write only ``districts`` (none: every
    district and the city). Without districts it is ``service.add_user``, which also makes
    the first administrator at the server itself."""
    wanted = tuple(districts)
    if not wanted:
        return service.add_user(ledger, credential, username, display_name, role, password)
    service.author_of(ledger, credential, Permission.manage_users)
    accounts = Accounts(ledger.database)
    # Before any account exists, the person at the server may only make the first
    # administrator: the same rule as service.add_user, checked under the write lock.
    return accounts.add_user(username, display_name, role, password, first=not accounts.has_users(), districts=wanted)


def set_user_districts(ledger: Ledger, credential: Credential, username: str, districts: Iterable[str]) -> bool:
    """The districts ``username`` may write from now on (none: every one); False, and
    nothing written, when they are the ones it has already."""
    service.author_of(ledger, credential, Permission.manage_users)
    accounts = Accounts(ledger.database)
    wanted = check_districts(districts)
    name = normalise_username(username)
    if any(user.username == name and set(user.districts) == set(wanted) for user in accounts.list_users()):
        return False
    accounts.set_districts(name, wanted)
    return True
