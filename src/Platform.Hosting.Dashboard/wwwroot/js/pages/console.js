// Console logs: the live stdout/stderr of one resource, optionally one replica, with ANSI colours and a filter.
import { getJson, html, setHtml, formatTime, debounce } from '../util.js';
import { ansiToHtml, stripAnsi } from '../ansi.js';

const MAX_LINES = 10000;

export default {
  title: 'Console logs',
  flush: true,
  mount({ content, toolbar, segments, query, setQuery }) {
    let resource = segments[0] ?? '';
    let replica = query.get('replica') ?? '';
    let filter = query.get('filter') ?? '';
    let follow = true;
    let stream = null;
    let lineCount = 0;

    setHtml(content, html`
      <div class="console-wrap">
        <div class="console" id="console" role="log" aria-live="off"></div>
      </div>
      <div class="console-status" id="console-status"></div>`);
    content.classList.add('console-page');
    const view = content.querySelector('#console');
    const status = content.querySelector('#console-status');

    const lineHtml = line => {
      const plain = stripAnsi(line.text);
      const hidden = (replica !== '' && String(line.replica) !== replica) || (filter && !plain.toLowerCase().includes(filter.toLowerCase()));
      return `<div class="line${line.isError ? ' stderr' : ''}" data-replica="${line.replica}"${hidden ? ' hidden' : ''}>`
        + `<span class="ts">${formatTime(line.timestamp)}</span><span class="rep">[${line.replica}]</span>`
        + `<span class="text">${ansiToHtml(line.text)}</span></div>`;
    };

    const updateStatus = () => {
      const shown = view.querySelectorAll('.line:not([hidden])').length;
      status.textContent = resource
        ? `${shown} of ${lineCount} lines · ${follow ? 'following (scroll up to pause)' : 'paused — press End or scroll to the bottom to follow'}`
        : '';
    };

    const applyFilter = () => {
      for (const el of view.children) {
        const text = el.querySelector('.text')?.textContent ?? '';
        el.hidden = (replica !== '' && el.dataset.replica !== replica) || (filter !== '' && !text.toLowerCase().includes(filter.toLowerCase()));
      }
      updateStatus();
      if (follow) view.scrollTop = view.scrollHeight;
    };

    let pending = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (pending.length === 0) return;
      view.insertAdjacentHTML('beforeend', pending.join(''));
      lineCount += pending.length;
      pending = [];
      while (view.childElementCount > MAX_LINES) view.firstElementChild.remove();
      lineCount = Math.min(lineCount, MAX_LINES);
      if (follow) view.scrollTop = view.scrollHeight;
      updateStatus();
    };

    function connect() {
      stream?.close();
      view.replaceChildren();
      lineCount = 0;
      if (!resource) {
        setHtml(view, html`<div class="empty">Choose a resource to tail its console.</div>`);
        updateStatus();
        return;
      }
      stream = new EventSource(`/api/stream/console/${encodeURIComponent(resource)}`);
      stream.addEventListener('line', e => {
        pending.push(lineHtml(JSON.parse(e.data)));
        // Batch DOM writes per animation frame: a chatty process must not freeze the page.
        if (!scheduled) { scheduled = true; requestAnimationFrame(flush); }
      });
      stream.addEventListener('ready', () => { flush(); if (lineCount === 0) updateStatus(); });
      stream.addEventListener('failure', e => {
        // The resource is unknown: say so and stop, instead of letting EventSource reconnect forever.
        stream.close();
        setHtml(view, html`<div class="empty">${JSON.parse(e.data).error}</div>`);
      });
    }

    let resources = [];
    const replicaOptions = () => {
      const selected = resources.find(r => r.name === resource);
      return html`<option value="">All replicas</option>
        ${(selected?.replicas ?? []).map(x => html`<option value="${x.index}" ${String(x.index) === replica ? 'selected' : ''}>Replica ${x.index}</option>`)}`;
    };
    const resourceOptions = () => resources.map(r => html`<option value="${r.name}" ${r.name === resource ? 'selected' : ''}>${r.name}</option>`);

    async function loadResources() {
      try { resources = await getJson('/api/resources'); } catch { return; }
      if (!resource && resources.length > 0) {
        resource = resources[0].name;
        history.replaceState(null, '', `#/console/${encodeURIComponent(resource)}`);
      }
    }

    // Built once; later resource changes only refresh the pickers' options, so typing in the filter is never interrupted.
    function renderToolbar() {
      setHtml(toolbar, html`
        <select id="console-resource" aria-label="Resource">${resourceOptions()}</select>
        <select id="console-replica" aria-label="Replica">${replicaOptions()}</select>
        <input type="search" id="console-filter" placeholder="Filter lines  /" value="${filter}" data-filter aria-label="Filter lines">
        <button id="console-follow" class="${follow ? 'primary' : ''}">${follow ? '❚❚ Pause' : '▶ Follow'}</button>`);
      toolbar.querySelector('#console-resource').addEventListener('change', e => { location.hash = `#/console/${encodeURIComponent(e.target.value)}`; });
      toolbar.querySelector('#console-replica').addEventListener('change', e => { replica = e.target.value; setQuery({ replica, filter }); applyFilter(); });
      toolbar.querySelector('#console-filter').addEventListener('input', debounce(e => { filter = e.target.value; setQuery({ replica, filter }); applyFilter(); }, 150));
      toolbar.querySelector('#console-follow').addEventListener('click', () => setFollow(!follow));
    }

    async function refreshPickers() {
      await loadResources();
      const resourceSelect = toolbar.querySelector('#console-resource');
      const replicaSelect = toolbar.querySelector('#console-replica');
      if (resourceSelect && document.activeElement !== resourceSelect) setHtml(resourceSelect, html`${resourceOptions()}`);
      if (replicaSelect && document.activeElement !== replicaSelect) setHtml(replicaSelect, replicaOptions());
    }

    function setFollow(value) {
      follow = value;
      const button = toolbar.querySelector('#console-follow');
      if (button) { button.textContent = follow ? '❚❚ Pause' : '▶ Follow'; button.className = follow ? 'primary' : ''; }
      if (follow) view.scrollTop = view.scrollHeight;
      updateStatus();
    }

    // Scrolling up pauses the tail; reaching the bottom again resumes it.
    view.addEventListener('scroll', () => {
      const atBottom = view.scrollHeight - view.scrollTop - view.clientHeight < 24;
      if (atBottom !== follow) setFollow(atBottom);
    });
    const onKey = e => { if (e.key === 'End' && !e.target.closest('input, select')) setFollow(true); };
    document.addEventListener('keydown', onKey);

    loadResources().then(() => { renderToolbar(); connect(); });
    return {
      refresh: changed => { if (changed.resources) refreshPickers(); },
      unmount: () => { stream?.close(); document.removeEventListener('keydown', onKey); },
    };
  },
};
