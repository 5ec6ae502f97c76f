"""This process's SQLite write lock as the event loop takes it (db.writing_on_the_loop): a write there waits its turn
as a coroutine and is woken when the lock is let go, a write that gave up waiting passes its turn on, and a
transaction that took the lock in a pool thread goes on there rather than wait for itself."""

import asyncio

from sqlalchemy import Engine, text
from sqlmodel import Session

from service.platform.db import turn_taken_on_the_loop, writing, writing_on_the_loop
from tests.service.conftest import WAIT_S, AnotherWriter


async def _write_on_the_loop(engine: Engine, written: list[str], name: str) -> None:
    with Session(writing(engine)) as session:
        async with writing_on_the_loop(session) as on_the_loop:
            assert on_the_loop
            session.execute(text("SELECT 1"))
            assert turn_taken_on_the_loop(session)
            written.append(name)
        session.commit()


def test_writes_waiting_on_the_loop_take_their_turns_once_the_lock_is_let_go(
    sqlite_file: Engine, another_writer: AnotherWriter
) -> None:
    another_writer.hold()
    written: list[str] = []

    async def scenario() -> None:
        first = asyncio.create_task(_write_on_the_loop(sqlite_file, written, "first"))
        second = asyncio.create_task(_write_on_the_loop(sqlite_file, written, "second"))
        await asyncio.sleep(0.2)
        assert written == []  # both waiting, and the loop free to run this meanwhile
        another_writer.release()
        await asyncio.wait_for(asyncio.gather(first, second), WAIT_S)

    asyncio.run(scenario())

    assert written == ["first", "second"]


def test_a_write_that_gives_up_waiting_passes_its_turn_on(sqlite_file: Engine, another_writer: AnotherWriter) -> None:
    another_writer.hold()
    written: list[str] = []

    async def scenario() -> None:
        given_up = asyncio.create_task(_write_on_the_loop(sqlite_file, written, "given up"))
        await asyncio.sleep(0.1)
        waiting = asyncio.create_task(_write_on_the_loop(sqlite_file, written, "waiting"))
        await asyncio.sleep(0.1)
        given_up.cancel()  # its request went away, as a client that hangs up
        another_writer.release()
        await asyncio.wait_for(waiting, WAIT_S)

    asyncio.run(scenario())

    assert written == ["waiting"]


def test_a_transaction_that_took_the_lock_in_the_pool_goes_on_there(sqlite_file: Engine) -> None:
    async def scenario() -> bool:
        with Session(writing(sqlite_file)) as session:
            await asyncio.to_thread(session.execute, text("SELECT 1"))  # its transaction began in a pool thread
            async with asyncio.timeout(WAIT_S), writing_on_the_loop(session) as on_the_loop:
                pass
            await asyncio.to_thread(session.commit)
            return on_the_loop

    assert asyncio.run(scenario()) is False  # told to go on in the pool, not left waiting for its own lock


def test_a_write_left_waiting_on_a_closed_loop_is_passed_over(
    sqlite_file: Engine, another_writer: AnotherWriter
) -> None:
    another_writer.hold()
    written: list[str] = []
    closed = asyncio.new_event_loop()
    left = closed.create_task(_write_on_the_loop(sqlite_file, written, "left"))
    closed.run_until_complete(asyncio.sleep(0.1))  # waiting for the lock when its loop stops for good
    closed.close()

    async def scenario() -> None:
        waiting = asyncio.create_task(_write_on_the_loop(sqlite_file, written, "waiting"))
        await asyncio.sleep(0.1)
        another_writer.release()
        await asyncio.wait_for(waiting, WAIT_S)

    asyncio.run(scenario())

    assert written == ["waiting"]
    assert not left.done()
