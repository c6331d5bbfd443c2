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


# Deno's Jupyter kernel (2.9) can publish a cell's execute_result AFTER its `status: idle`, most often when the
# machine is busy; nbclient stops listening to a cell at idle and drops what comes later, so the cell's value
# would be missing from the executed copy at random. For that kernel only, keep listening to the cell's own
# messages until DENO_GRACE_S pass without one (about half a second per cell).
DENO_GRACE_S = 0.5


def _patch_for_deno():
    import asyncio
    import queue

    from nbclient import client as nbclient_client
    from nbclient.exceptions import CellExecutionComplete
    from jupyter_core.utils import ensure_async

    original = nbclient_client.NotebookClient._async_poll_output_msg

    async def poll_output_msg(self, parent_msg_id, cell, cell_index):
        await original(self, parent_msg_id, cell, cell_index)
        if getattr(self, "kernel_name", "") != "deno":
            return
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=DENO_GRACE_S))
            except (queue.Empty, asyncio.TimeoutError, TimeoutError):
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass

    nbclient_client.NotebookClient._async_poll_output_msg = poll_output_msg


_patch_for_deno()
