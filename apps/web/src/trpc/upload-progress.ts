// fetch() cannot report upload progress, XMLHttpRequest can. The tRPC link sends FormData (message
// files) through this fetch-compatible function and announces progress to whoever listens.

type Listener = (fraction: number) => void;
const listeners = new Set<Listener>();

export function onUploadProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function fetchWithUploadProgress(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (!(init?.body instanceof FormData)) return fetch(input, init);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? "POST", String(input));
    new Headers(init.headers).forEach((value, key) => xhr.setRequestHeader(key, value));
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) for (const listener of listeners) listener(event.loaded / event.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(":");
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      resolve(new Response(xhr.responseText, { status: xhr.status, headers }));
    };
    xhr.onerror = () => reject(new TypeError("Network request failed"));
    xhr.onabort = () => reject(new DOMException("Aborted", "AbortError"));
    init.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(init.body as FormData);
  });
}
