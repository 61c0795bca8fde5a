"""Lanes: one long-lived thread per name and calling thread (transforms/lanes.py)."""

from __future__ import annotations

import threading

from transforms.lanes import in_lane, submit


def _thread() -> int:
    return threading.get_ident()


def test_a_lane_runs_every_step_sent_to_it_on_one_thread_of_its_own() -> None:
    first, second = in_lane("test:a", _thread), in_lane("test:a", _thread)
    assert first == second != threading.get_ident()
    assert in_lane("test:b", _thread) != first


def test_a_lane_asking_for_its_own_name_gets_another_and_does_not_wait_for_itself() -> None:
    def inner() -> tuple[int, int]:
        return threading.get_ident(), in_lane("test:nested", _thread)

    outer, nested = in_lane("test:nested", inner)
    assert outer != nested


def test_callers_side_by_side_have_lanes_of_their_own() -> None:
    results = [submit(f"test:part-{i}", in_lane, "test:shared", _thread) for i in range(2)]
    a, b = (r.result() for r in results)
    assert a != b


def test_an_error_in_a_step_reaches_the_caller() -> None:
    def fail() -> None:
        raise ValueError("bad step")

    try:
        in_lane("test:error", fail)
    except ValueError as err:
        assert str(err) == "bad step"
    else:
        raise AssertionError("the error was lost")
