"""lock_row serialises read-then-write work on one row, on SQLite (which ignores FOR UPDATE) as on PostgreSQL."""

import threading
import time
import uuid

from sqlmodel import Session


def test_two_threads_that_read_then_write_a_locked_row_do_not_lose_an_update(app_env):
    from vibecraft.db import get_engine, lock_row
    from vibecraft.models import User

    with Session(get_engine()) as s:
        user = User(email=f"{uuid.uuid4().hex[:8]}@example.com", hashed_password="x", storage_bytes=0)
        s.add(user)
        s.commit()
        user_id = user.id

    errors: list[BaseException] = []
    both_started = threading.Barrier(2)

    def add_one() -> None:
        try:
            with Session(get_engine()) as s:
                both_started.wait()
                row = lock_row(s, User, user_id)
                seen = row.storage_bytes
                time.sleep(0.3)  # the other thread gets here meanwhile; without the lock it reads the same value
                row.storage_bytes = seen + 1
                s.add(row)
                s.commit()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=add_one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    with Session(get_engine()) as s:
        assert s.get(User, user_id).storage_bytes == 2
