// Small DOM helpers the app's pages share: text is always set as text, never parsed as HTML.
export const $ = (id) => document.getElementById(id);

export function el(tag, text, attributes = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

export function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}
