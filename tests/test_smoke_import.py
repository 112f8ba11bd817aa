"""The package imports and exposes its public names."""

import integrationsnetz


def test_public_names_resolve() -> None:
    """Every name in __all__ exists."""
    missing = [name for name in integrationsnetz.__all__ if not hasattr(integrationsnetz, name)]
    assert missing == []
