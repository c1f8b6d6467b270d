# Upright for a server: the web app and `upright worker` from the same image.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir '.[postgres]'
RUN useradd --create-home upright
USER upright
EXPOSE 8000
CMD ["upright", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
