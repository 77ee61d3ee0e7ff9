"""The CLI's jobs on disk (pipeline.spool): the same ids and order as find_jobs, no memory per file."""

import os
import tracemalloc

import pytest

from pipeline.batch import Job, find_jobs
from pipeline.manifest import FileState
from pipeline.spool import PAGE, JobSpool


def spooled(inputs, spool_dir):
    """(doc_id, path) of each job the spool lists for ``inputs``, in its order."""
    with JobSpool(spool_dir) as spool:
        spool.extend(find_jobs(inputs, seen_paths=spool.paths, seen_ids=spool.ids))
        return [(j.doc_id, j.path) for j in spool.jobs()], spool.count


def make_files(root, names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Текст.", encoding="utf-8")


@pytest.mark.parametrize("files, inputs, expected", [
    # doc_ids are paths under the folder, extension dropped, sorted
    (["b.txt", "a.txt", "sub/c.txt"], ["in"], [("a", "in/a.txt"), ("b", "in/b.txt"), ("sub/c", "in/sub/c.txt")]),
    # "a.txt" and "a.md" would share "a": the later one keeps its extension
    (["a.txt", "a.md"], ["in"], [("a", "in/a.md"), ("a.txt", "in/a.txt")]),
    # "a.txt" in three folders given: "a", then "a.txt", then "a.txt~2"
    (["x/a.txt", "y/a.txt", "z/a.txt"], ["in/x", "in/y", "in/z"],
     [("a", "in/x/a.txt"), ("a.txt", "in/y/a.txt"), ("a.txt~2", "in/z/a.txt")]),
    # a file reached twice (its folder and itself, a folder given twice) is listed once
    (["a.txt", "b.txt"], ["in", "in/a.txt", "in"], [("a", "in/a.txt"), ("b", "in/b.txt")]),
    # a file given directly is known by its name; hidden files in folders are skipped
    (["f/n.md", "g/.hidden.txt", "g/ok.txt"], ["in/f/n.md", "in/g"], [("n", "in/f/n.md"), ("ok", "in/g/ok.txt")]),
    # order is by doc_id, code point by code point, not by listing
    (["Б.txt", "а.txt", "A.txt", "z/1.txt"], ["in"],
     [("A", "in/A.txt"), ("z/1", "in/z/1.txt"), ("Б", "in/Б.txt"), ("а", "in/а.txt")]),
])
def test_the_spool_lists_the_jobs_find_jobs_lists_sorted_by_doc_id(tmp_path, monkeypatch, files, inputs, expected):
    make_files(tmp_path / "in", files)
    monkeypatch.chdir(tmp_path)
    in_memory = sorted(((j.doc_id, j.path) for j in find_jobs(inputs)))
    assert spooled(inputs, str(tmp_path)) == (expected, len(expected))
    assert in_memory == expected


def test_the_spool_leaves_no_file_behind(tmp_path):
    make_files(tmp_path / "in", ["a.txt"])
    out = tmp_path / "out"
    out.mkdir()
    with JobSpool(str(out)) as spool:
        spool.extend(find_jobs([tmp_path / "in"], seen_paths=spool.paths, seen_ids=spool.ids))
        assert spool.count == 1 and list(out.iterdir()) == []


def many_jobs(n):
    # ids that do not sort as they come: "9" after "10"
    return (Job(f"/corpus/{i % 97}/{i}.txt", f"{i % 97}/{i}") for i in range(n))


def test_todo_comes_back_by_doc_id_with_each_files_state(tmp_path):
    n = 3 * PAGE + 7  # several pages, the last one short
    with JobSpool(str(tmp_path)) as spool:
        spool.extend(many_jobs(n))
        for job in spool.jobs():  # writes between the pages, as the CLI's check does
            if job.doc_id.endswith("5"):
                spool.mark_todo(job, FileState(len(job.path), 7) if job.doc_id.endswith("15") else None)
        expected = sorted((j for j in many_jobs(n) if j.doc_id.endswith("5")), key=lambda j: j.doc_id)
        assert [j.doc_id for j in spool.jobs()] == sorted(j.doc_id for j in many_jobs(n))
        assert list(spool.todo()) == expected
        assert spool.todo_count == len(expected)
        job = Job("/corpus/15/15.txt", "15/15")
        assert spool.pending("15/15") == (job, FileState(len(job.path), 7))
        assert spool.pending("5/5") == (Job("/corpus/5/5.txt", "5/5"), None)
        with pytest.raises(KeyError):
            spool.pending("1/1")  # listed, but not to be processed


def traced_peak(n, spool_dir):
    """Peak Python memory (bytes) to spool ``n`` jobs, check them and look each one up."""
    tracemalloc.start()
    with JobSpool(spool_dir) as spool:
        spool.extend(many_jobs(n))
        for job in spool.jobs():
            spool.mark_todo(job, FileState(1, 2))
        for job in spool.todo():
            spool.pending(job.doc_id)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_python_memory_does_not_grow_with_the_jobs(tmp_path):
    # a list of 20,000 jobs alone takes about 3 MB; the spool's Python memory is a page of rows
    small, large = traced_peak(2_000, str(tmp_path)), traced_peak(20_000, str(tmp_path))
    assert large - small < 100_000, (small, large)


def test_the_disk_sets_answer_like_sets(tmp_path):
    with JobSpool(str(tmp_path)) as spool:
        for key in ["a", "б", "a", os.sep.join(["x", "y"])]:
            spool.paths.add(key)
        assert [k in spool.paths for k in ["a", "б", "x/y", "в", "A"]] == [True, True, True, False, False]
        assert "a" not in spool.ids
