from __future__ import annotations

import json

from extraction.__main__ import main


def test_writes_one_json_per_text_and_reports_bad_files_on_one_line(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("The minister said that the border was closed.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a dit \xe9t\xe9".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    out = tmp_path / "out"
    files = [
        good,
        tmp_path / "empty.txt",
        tmp_path / "latin1.txt",
        tmp_path / "binary.txt",
        tmp_path / "nope.txt",
    ]

    status = main(["--out", str(out), *map(str, files)])

    assert status == 1
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    data = json.loads((out / "good.json").read_text(encoding="utf-8"))
    assert data["schema"] == "claimtrack.extraction/1" and len(data["statements"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("extraction: ")]
    assert len(errors) == 4
    assert not any("Traceback" in line for line in errors)


def test_all_good_files_exit_zero(tmp_path):
    (tmp_path / "a.txt").write_text("Nothing was said here.", encoding="utf-8")
    assert main(["--out", str(tmp_path / "out"), str(tmp_path / "a.txt")]) == 0
    assert json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))["statements"] == []


def test_a_document_the_rules_trip_over_is_reported_and_the_others_go_on(tmp_path, capsys, monkeypatch):
    import extraction.__main__ as cli

    real = cli.extract_doc

    def fragile(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("rule bug")
        return real(doc)

    monkeypatch.setattr(cli, "extract_doc", fragile)
    (tmp_path / "a.txt").write_text("BOOM went the rule.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The mayor said the road was open.", encoding="utf-8")
    out = tmp_path / "out"

    assert main(["--out", str(out), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 1

    assert [p.name for p in out.iterdir()] == ["b.json"]
    assert "a.txt: extraction failed: RuntimeError: rule bug" in capsys.readouterr().err
