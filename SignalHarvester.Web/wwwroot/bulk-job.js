// A bulk job's progress, live on /operations. The server renders the job as it stands (with a refresh
// link, so the page works without this script); this follows the console's relay of the API's event
// stream and updates the numbers in place. The stream is closed at the job's final event, so it holds
// none of the person's open-stream slots longer than needed.
(() => {
  'use strict';
  const section = document.querySelector('[data-bulk-job-events]');
  if (!section || !('EventSource' in window)) {
    return;
  }

  const progress = section.querySelector('progress');
  const show = (job) => {
    for (const field of section.querySelectorAll('[data-field]')) {
      const value = job[field.dataset.field];
      if (value !== undefined && value !== null) {
        field.textContent = String(value);
      }
    }
    if (progress) {
      progress.max = Math.max(job.total, 1);
      progress.value = job.processed;
    }
  };

  const source = new EventSource(section.dataset.bulkJobEvents);
  section.dataset.live = 'connecting';
  source.addEventListener('open', () => { section.dataset.live = 'on'; });
  source.addEventListener('progress', (event) => show(JSON.parse(event.data)));
  for (const final of ['completed', 'cancelled', 'failed']) {
    source.addEventListener(final, (event) => {
      show(JSON.parse(event.data));
      source.close();
      section.dataset.live = 'ended';
      section.querySelector('[data-refresh]')?.remove(); // nothing more to refresh for
    });
  }
  // Closed by the relay's answer (the job already ended, too many open streams, the API down): the refresh link remains.
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      section.dataset.live = 'off';
    }
  });
  window.addEventListener('pagehide', () => source.close());
})();
