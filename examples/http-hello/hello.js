// A wasi:http/proxy component in JavaScript: StarlingMonkey (inside componentize-js) turns each
// wasi:http/incoming-handler call into a fetch event. It answers every request with its path, and a
// POST with its body after it.
addEventListener('fetch', (event) => event.respondWith(answer(event.request)));

async function answer(request) {
  const path = new URL(request.url).pathname;
  const body = request.method === 'POST' ? await request.text() : '';
  return new Response(`hello from ${path} ${body}`, { headers: { 'content-type': 'text/plain' } });
}
