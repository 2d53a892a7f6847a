// Whether an Ollama host is this computer (what you say stays here) or another machine. Empty means
// the default (OLLAMA_HOST or 127.0.0.1), which main checks; the panel treats it as local. Pure.

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

export function isLoopbackHost(host: string): boolean {
  const text = host.trim();
  if (text === '') return true;
  let hostname: string;
  try {
    hostname = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  return LOOPBACK_NAMES.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname.endsWith('.localhost');
}
