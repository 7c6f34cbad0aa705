// Toolbar pieces shared by the telemetry pages.
import { getJson, html } from '../util.js';

/** A resource picker over the resources that sent telemetry (name, and name@instance when several replicas exist). */
export async function resourceOptions(selected) {
  let resources = [];
  try { resources = await getJson('/api/telemetry/resources'); } catch { /* rendered empty */ }
  const names = [...new Set(resources.map(r => r.name))];
  const options = [];
  for (const name of names) {
    options.push({ value: name, label: name });
    const instances = resources.filter(r => r.name === name && r.instanceId);
    if (instances.length > 1) for (const r of instances) options.push({ value: r.key, label: `  ${r.name} (${r.instanceId.slice(0, 8)})` });
  }
  return html`<option value="">All resources</option>${options.map(o => html`<option value="${o.value}" ${o.value === selected ? 'selected' : ''}>${o.label}</option>`)}`;
}

/** Refreshes a resource picker's options in place (new senders appear) unless the user is using it. */
export async function refreshResourceOptions(toolbar, selector, selected) {
  const select = toolbar.querySelector(selector);
  if (!select || document.activeElement === select) return;
  const options = await resourceOptions(selected);
  if (select.isConnected && document.activeElement !== select) select.innerHTML = options.toString();
}
