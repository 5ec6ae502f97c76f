"""A one-time link's secret never reaches the server's access log."""

import logging

from service.notifications import one_time_links


def test_the_access_log_writes_a_set_password_request_without_its_secret() -> None:
    logger = logging.getLogger("tests.access-log")
    one_time_links.keep_out_of_access_log(logger)
    one_time_links.keep_out_of_access_log(logger)  # built twice, filtered once
    secret = "s3cret-Only_for-the-recipient"
    # As uvicorn's access logger makes its record: client, method, path, HTTP version, status.
    record = logger.makeRecord(
        logger.name,
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("203.0.113.9:5000", "GET", one_time_links.path_for(secret), "1.1", 200),
        None,
    )

    assert logger.filter(record)
    line = record.getMessage()
    assert secret not in line
    assert f'"GET {one_time_links.STRUCK} HTTP/1.1" 200' in line
    assert len(logger.filters) == 1
