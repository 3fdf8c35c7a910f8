from fko_desktop.storage.drafts import DraftStore


def test_draft_survives_a_new_store_and_is_gone_after_discard(tmp_path):
    store = DraftStore("unit-1", tmp_path)
    store.save("journal_note", "sub_goal:7", {"text": "Mads var glad – æøå", "score": "2"})
    again = DraftStore("unit-1", tmp_path)  # as after a crash and restart
    assert again.load("journal_note", "sub_goal:7") == {"text": "Mads var glad – æøå", "score": "2"}
    assert [d["record_key"] for d in again.pending()] == ["sub_goal:7"]
    assert DraftStore("unit-2", tmp_path).load("journal_note", "sub_goal:7") is None
    again.discard("journal_note", "sub_goal:7")
    assert again.load("journal_note", "sub_goal:7") is None and again.pending() == []


def test_a_damaged_draft_is_ignored(tmp_path):
    store = DraftStore("u", tmp_path)
    store.save("goal", "1", {"text": "x"})
    next(store.directory.glob("*.json")).write_text("{not json", encoding="utf-8")
    assert store.load("goal", "1") is None and store.pending() == []
