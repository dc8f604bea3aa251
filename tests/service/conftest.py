"""The five-entries ledger the grid's and the service's tests start from."""

from tests.service.grid_helpers import five  # noqa: F401  a fixture, registered here for the folder
