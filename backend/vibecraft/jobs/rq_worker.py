"""RQ's worker with a shutdown that does not wait out its command channel."""

from __future__ import annotations

from rq import Worker

# How long a stopping worker waits for its pub/sub thread before leaving it to die with the process.
PUBSUB_STOP_WAIT_SEC = 1.0


class PromptExitWorker(Worker):
    """Stops in about a second, where RQ 2.x with redis-py 8 could take a minute.

    RQ stops its command-channel thread with redis-py's `stop()`, which since redis-py 8 joins the
    thread without a limit, and the thread may be inside a 60-s blocking read: every worker exit
    (a burst run, a deploy's SIGTERM) then hung for up to 60 s. The thread is a daemon, so once it has
    been asked to stop the process can end without it.
    """

    def unsubscribe(self) -> None:
        if not self.pubsub_thread:
            return
        self.pubsub.unsubscribe()
        self.pubsub_thread.stop(timeout=PUBSUB_STOP_WAIT_SEC)
        if not self.pubsub_thread.is_alive():
            self.pubsub.close()  # closing under a reading thread would pull its socket from under it
