// Draw an indicator's trend with Chart.js from the JSON the page carries (no inline script).
// The chart is a picture of the table that follows it, which holds the same numbers.
// Chart.js comes from its UMD build (loaded just before this file), which bundles its one
// dependency; the ES module build imports it by a bare name a browser cannot resolve.
const Chart = window.Chart;

const canvases = Chart ? document.querySelectorAll('[data-module="sl-trend-chart"]') : [];
for (const canvas of canvases) {
  const source = document.getElementById(canvas.dataset.source);
  if (!source) continue;
  const data = JSON.parse(source.textContent);
  const flat = (value) => data.labels.map(() => value);
  const datasets = [
    { label: data.label, data: data.values, borderColor: "#1d70b8", backgroundColor: "#1d70b8", spanGaps: false, tension: 0 },
  ];
  if (data.target !== null) {
    datasets.push({ label: "Target", data: flat(data.target), borderColor: "#00703c", borderDash: [6, 4], pointRadius: 0 });
  }
  if (data.england !== null) {
    datasets.push({ label: "England", data: flat(data.england), borderColor: "#505a5f", borderDash: [2, 3], pointRadius: 0 });
  }
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: Boolean(data.unit), text: data.unit } } },
    },
  });
}
