"""The rooms feature's Danish catalogue is complete and its .mo file is up to date."""

from booking import i18n


def test_every_text_has_a_danish_translation():
    assert list(i18n.missing_translations("rooms")) == []


def test_the_compiled_catalogue_is_current():
    assert i18n.po_path("rooms").with_suffix(".mo").read_bytes() == i18n.compiled_bytes("rooms")
