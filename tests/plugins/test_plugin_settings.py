"""A plugin's settings come from environment variables named after it, and a wrong one names its variable."""

from __future__ import annotations

import pytest

from integrationsnetz import InvalidData, WrongType
from integrationsnetz.plugin_settings import plugin_settings, variable_prefix


@pytest.mark.parametrize(
    ("plugin", "prefix"),
    [
        ("integrationsnetz-myplugin", "INTEGRATIONSNETZ_MYPLUGIN_"),
        ("integrationsnetz_myplugin", "INTEGRATIONSNETZ_MYPLUGIN_"),
        ("my-plugin", "INTEGRATIONSNETZ_MY_PLUGIN_"),
        ("integrationsnetz-dbm.v2", "INTEGRATIONSNETZ_DBM_V2_"),
    ],
)
def test_the_variables_are_named_after_the_plugin(plugin: str, prefix: str) -> None:
    assert variable_prefix(plugin) == prefix


def test_settings_are_read_by_key_with_defaults() -> None:
    settings = plugin_settings(
        "integrationsnetz-myplugin",
        {
            "INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS": " 12-24,12-31 ",
            "INTEGRATIONSNETZ_MYPLUGIN_LIMIT": "20",
            "INTEGRATIONSNETZ_MYPLUGIN_STRICT": "yes",
            "INTEGRATIONSNETZ_OTHER_LIMIT": "5",  # another plugin's
        },
    )
    assert settings.text("closing_days") == "12-24,12-31"
    assert settings.text("missing") is None
    assert settings.text("missing", default="x") == "x"
    assert settings.number("limit", 10) == 20
    assert settings.number("other", 10) == 10
    assert settings.flag("strict", False) is True
    assert settings.flag("quiet", False) is False
    assert list(settings.values) == [
        "INTEGRATIONSNETZ_MYPLUGIN_CLOSING_DAYS", "INTEGRATIONSNETZ_MYPLUGIN_LIMIT", "INTEGRATIONSNETZ_MYPLUGIN_STRICT",
    ]  # fmt: skip


def test_the_process_environment_is_read_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRATIONSNETZ_MYPLUGIN_LIMIT", "7")
    assert plugin_settings("integrationsnetz-myplugin").number("limit", 0) == 7


@pytest.mark.parametrize(
    ("variable", "value", "call", "message"),
    [
        ("LIMIT", "zwanzig", lambda s: s.number("limit", 1),
         "INTEGRATIONSNETZ_MYPLUGIN_LIMIT: expected a whole number, got 'zwanzig'"),
        ("STRICT", "vielleicht", lambda s: s.flag("strict", False),
         "INTEGRATIONSNETZ_MYPLUGIN_STRICT: expected 1 or 0 (yes or no), got 'vielleicht'"),
        ("TOKEN", "  ", lambda s: s.require("token"),
         "INTEGRATIONSNETZ_MYPLUGIN_TOKEN: the plugin integrationsnetz-myplugin needs this setting; set it"),
    ],
)  # fmt: skip
def test_a_wrong_setting_names_its_variable(variable: str, value: str, call: object, message: str) -> None:
    settings = plugin_settings("integrationsnetz-myplugin", {f"INTEGRATIONSNETZ_MYPLUGIN_{variable}": value})
    with pytest.raises(InvalidData) as caught:
        call(settings)  # type: ignore[operator]
    assert str(caught.value) == message


def test_a_missing_required_setting_says_which_variable_to_set() -> None:
    with pytest.raises(InvalidData, match="INTEGRATIONSNETZ_MYPLUGIN_TOKEN: the plugin"):
        plugin_settings("integrationsnetz-myplugin", {}).require("token")


def test_names_are_checked() -> None:
    with pytest.raises(WrongType):
        plugin_settings("", {})
    with pytest.raises(WrongType, match="lowercase words"):
        plugin_settings("x", {}).text("Closing-Days")


def test_a_variable_set_to_nothing_counts_as_not_set_for_every_kind() -> None:
    """``FOO=`` in an .env file: every kind of setting falls back to its default, none refuses it."""
    settings = plugin_settings("integrationsnetz-myplugin", {"INTEGRATIONSNETZ_MYPLUGIN_K": "  "})
    assert settings.text("k", "d") == "d"
    assert settings.number("k", default=3) == 3
    assert settings.flag("k", default=True) is True


def test_a_number_is_ascii_digits() -> None:
    for odd in ("1_000", "٣"):
        settings = plugin_settings("integrationsnetz-myplugin", {"INTEGRATIONSNETZ_MYPLUGIN_K": odd})
        with pytest.raises(InvalidData, match="expected a whole number"):
            settings.number("k", default=0)
