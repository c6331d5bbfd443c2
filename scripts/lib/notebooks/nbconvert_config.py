# nbconvert configuration of scripts/run-notebook: records each cell's execute_reply status in the cell's
# metadata (summarize.py reads and removes it). The tslab kernel reports a failed cell (a type error, an
# exception) only through that status and a stderr line: it sends no `error` output, so without this an
# executed notebook cannot tell a failed cell from a quiet one.
STATUS_KEY = "journal_lens_status"


def record_status(cell, cell_index, execute_reply):
    content = execute_reply.get("content", {}) if execute_reply else {}
    cell.metadata[STATUS_KEY] = {"status": content.get("status", "unknown"),
                                 "ename": content.get("ename"), "evalue": content.get("evalue")}


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.ExecutePreprocessor.on_cell_executed = record_status
