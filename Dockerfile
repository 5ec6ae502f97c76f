# Assets: GOV.UK Frontend from npm at the version package-lock.json pins (as `make assets` does).
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && mkdir -p var/static/govuk \
    && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
          node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js var/static/govuk/ \
    && cp -R node_modules/govuk-frontend/dist/govuk/assets/. var/static/govuk/

# Build: a virtualenv with the service and its dependencies.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY service ./service
COPY plan_schema ./plan_schema
COPY validators ./validators
COPY templates ./templates
COPY static ./static
COPY alembic ./alembic
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --upgrade pip \
    # Editable, so Alembic's scripts in /app/alembic stay beside the code that runs them.
    && /opt/venv/bin/pip install -e .

# Run: the same tree and virtualenv, without build tools, as an unprivileged user.
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    ADTP_ENVIRONMENT=production ADTP_HOST=0.0.0.0 ADTP_PORT=8000
RUN useradd --system --uid 10001 --home-dir /app adtp
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
COPY --from=assets --chown=root:root /app/var/static /app/var/static
WORKDIR /app
USER adtp
EXPOSE 8000
# Migrate, then serve: migrations are idempotent, so every start may run them.
CMD ["sh", "-c", "adtp db upgrade && exec adtp serve --workers ${ADTP_WORKERS:-2}"]
