"""The team's server: Streamlit's application object around app.py, with the work the server does from its start
(hyc.service: an interrupted erasure finished, the daily backups, whether or not anyone visits) and a health
route for the proxy and monitoring. `make serve` and deploy/hyc.service run `streamlit run serve.py`; the demo
(`make run`) serves app.py alone."""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from hyc import service

HEALTH_PATH = "/healthz"


@asynccontextmanager
async def lifespan(_app):
    work = service.start()
    try:
        yield {"work": work}
    finally:
        work.close()


async def health(_request: Request) -> JSONResponse:
    """Answered signed out: the store's state and the last backup's age, nothing about anyone."""
    said = service.health(app.state["work"].engine)
    return JSONResponse(said, status_code=200 if said["status"] == "ok" else 503)


app = st.App("app.py", lifespan=lifespan, routes=[Route(HEALTH_PATH, health)])
