"""The core docs cannot drift from the code: the tutorial runs, the model reference is complete."""

import contextlib
import inspect
import io
import re
from pathlib import Path

import attrs
import pytest

import integrationsnetz.model

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def _public_classes() -> list[type]:
    return [
        obj for name in integrationsnetz.model.__all__ if inspect.isclass(obj := getattr(integrationsnetz.model, name))
    ]


def test_tutorial_code_runs_and_prints_what_the_page_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block runs in order in one namespace; a text block right after one is its output."""
    monkeypatch.chdir(tmp_path)
    blocks = BLOCK.findall((DOCS / "tutorial.md").read_text(encoding="utf-8"))
    assert sum(1 for language, _ in blocks if language == "python") >= 8
    namespace: dict[str, object] = {"__name__": "tutorial"}
    previous_output: str | None = None
    checked = 0
    for language, code in blocks:
        if language == "python":
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(code, "docs/tutorial.md", "exec"), namespace)
            previous_output = buffer.getvalue()
        elif language == "text" and previous_output is not None:
            assert previous_output == code, f"tutorial output differs:\n{previous_output}"
            previous_output = None
            checked += 1
    assert checked >= 5


def test_model_reference_names_every_public_class_and_field() -> None:
    """docs/reference/model.md has a section per public class and a row per field."""
    text = (DOCS / "reference" / "model.md").read_text(encoding="utf-8")
    missing = []
    for cls in _public_classes():
        if f"### `{cls.__name__}`" not in text:
            missing.append(cls.__name__)
            continue
        section = text.split(f"### `{cls.__name__}`", 1)[1].split("\n### ", 1)[0]
        if attrs.has(cls):
            missing.extend(f"{cls.__name__}.{field.name}" for field in attrs.fields(cls)
                           if f"| `{field.name}` |" not in section)  # fmt: skip
    assert missing == [], "regenerate or extend docs/reference/model.md"


def test_model_reference_lists_every_enum_value() -> None:
    text = (DOCS / "reference" / "model.md").read_text(encoding="utf-8")
    for cls in _public_classes():
        if issubclass(cls, __import__("enum").Enum):
            section = text.split(f"### `{cls.__name__}`", 1)[1].split("\n### ", 1)[0]
            assert all(f"`{member.value}`" in section for member in cls), cls.__name__


def test_glossary_names_exist_in_code() -> None:
    """Every code name in the glossary's code column is a real public name (or a documented value)."""
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    names = set(re.findall(r"`([A-Za-z_.]+)`", " ".join(row[2] for row in rows[1:] if len(row) > 3)))
    assert len(names) > 20
    values = {
        str(member.value) for cls in _public_classes() if issubclass(cls, __import__("enum").Enum) for member in cls
    }
    fields = {field.name for cls in _public_classes() if attrs.has(cls) for field in attrs.fields(cls)}
    import integrationsnetz
    from integrationsnetz.contract import holidays as calendars
    from integrationsnetz.courses.catalogue import OFFICIAL_COURSE_TYPES

    values |= set(OFFICIAL_COURSE_TYPES) | {"courses.catalogue", *dir(calendars)}
    unknown = [
        name
        for name in names
        if name.split(".")[0] not in integrationsnetz.__all__
        and name not in values
        and name not in fields
        and name.split(".")[-1] not in fields
    ]
    assert unknown == []


def test_docs_index_lists_every_page() -> None:
    """docs/index.md links every Markdown page under docs/."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    pages = sorted(str(path.relative_to(DOCS)) for path in DOCS.rglob("*.md") if path.name != "index.md")
    assert [page for page in pages if f"({page})" not in index] == []


def test_readme_quickstart_runs_and_its_error_message_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's code runs as written, and the error it shows is the one a broken file gives."""
    monkeypatch.chdir(tmp_path)
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(readme)
    (code,) = [code for language, code in blocks if language == "python"][:1]
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    shown = next(code for language, code in blocks if language == "text").strip()
    saved = Path("netzwerk.json")
    saved.write_text(
        saved.read_text(encoding="utf-8").replace("2025-03-17T09:00:00+01:00[Europe/Berlin]", "2025-03-17 09:00"),
        encoding="utf-8",
    )
    import integrationsnetz as inz

    with pytest.raises(inz.InvalidData) as caught:
        inz.documents.load("netzwerk.json")
    assert str(caught.value) == shown
