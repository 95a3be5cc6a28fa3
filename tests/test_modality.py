"""The status word lists: loaded once, and a broken file is refused with its key."""

from __future__ import annotations

import pytest

from veille import modality
from veille.errors import DataFileError


def test_lists_are_loaded_lower_case() -> None:
    m = modality.load_modality()
    assert "selon" in m.attribution_markers
    assert "devoir" in m.future_auxiliaries
    assert "cesser" in m.blocking_governors
    assert all(w == w.lower() for w in m.negation_words)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (["not", "a", "mapping"], "expected a mapping"),
        ({"reporting_verbs": "dire"}, "expected a list of strings"),
    ],
)
def test_broken_file_names_the_problem(monkeypatch, raw, message) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(modality, "load_yaml", lambda _path: raw)
    modality.load_modality.cache_clear()
    try:
        with pytest.raises(DataFileError, match=message) as err:
            modality.load_modality()
        assert modality.MODALITY_FILE in str(err.value)
    finally:
        monkeypatch.undo()
        modality.load_modality.cache_clear()
