extension ReportPage {
    /// The page's script: reads the embedded data (`JSON.parse`, never evaluated as code), draws each canvas with
    /// Chart.js, makes the table sortable, and marks the body with `data-charts-drawn="N"` (and
    /// `data-charts-failed` when a chart threw), and each drawn canvas with `data-lines="N"`, the lines Chart.js
    /// holds: states a headless browser's `--dump-dom` shows once the script has run, so a test waits for a fact
    /// rather than a time, and reads what the page drew rather than what the generator meant. Names reach the page only as Chart.js labels, which it
    /// draws on the canvas, never as HTML. Animation is off: a report of many runs draws at once, and a screenshot
    /// shows the finished charts. Non-finite values (`"nan"`, `"inf"` in the data) are gaps in a line.
    static let script = #"""
    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("sprout-data").textContent);
      var colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                    "#bcbd22", "#17becf"];
      function value(v) { return typeof v === "number" && isFinite(v) ? v : null; }
      function line(label, xs, ys, i) {
        return { label: label, data: xs.map(function (x, k) { return { x: x, y: value(ys[k]) }; }),
                 borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
                 borderWidth: 1.5, pointRadius: xs.length > 30 ? 0 : 2, spanGaps: false };
      }
      function hasValues(ys) { return ys.some(function (y) { return value(y) !== null; }); }
      function runLines(run, columns) {
        var m = run.metrics;
        return columns.filter(function (c) { return hasValues(m[c[0]]); })
                      .map(function (c, i) { return line(c[1], m.epoch, m[c[0]], c[2]); });
      }
      var build = {
        loss: function (i) {
          return { y: "loss", lines: runLines(data.runs[i], [["train_loss", "train", 0], ["val_loss", "validation", 1]]) };
        },
        accuracy: function (i) {
          return { y: "accuracy", lines: runLines(data.runs[i],
                   [["train_accuracy", "train", 0], ["val_accuracy", "validation", 1]]) };
        },
        distinct_units: function (i) {
          var layers = data.runs[i].layers.filter(function (l) { return hasValues(l.distinct_units); });
          return { y: "distinct units", lines: layers.map(function (l, k) {
            return line(l.node, l.epoch, l.distinct_units, k); }) };
        },
        activation_std: function (i) {
          return { y: "activation std", lines: data.runs[i].layers.map(function (l, k) {
            return line(l.node, l.epoch, l.activation_std, k); }) };
        },
        sweep: function (i, metric) {
          var sweep = data.sweeps[i];
          return { y: metric, lines: sweep.runs.map(function (r, k) {
            var m = data.runs[r].metrics;
            return line(sweep.variants[k], m.epoch, m[metric], k);
          }) };
        }
      };
      var drawn = 0, failed = 0;
      Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
        try {
          var spec = build[canvas.dataset.chart](Number(canvas.dataset.index), canvas.dataset.metric);
          var chart = new Chart(canvas, {
            type: "line",
            data: { datasets: spec.lines },
            options: {
              animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
              scales: { x: { type: "linear", title: { display: true, text: "epoch" } },
                        y: { title: { display: true, text: spec.y },
                             ticks: spec.y === "distinct units" ? { precision: 0 } : {} } },
              plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
            }
          });
          canvas.setAttribute("data-lines", String(chart.data.datasets.length));
          drawn += 1;
        } catch (error) {
          failed += 1;
          console.error(error);
        }
      });
      document.body.setAttribute("data-charts-drawn", String(drawn));
      if (failed > 0) { document.body.setAttribute("data-charts-failed", String(failed)); }

      var table = document.getElementById("runs");
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (th) {
        th.addEventListener("click", function () {
          var column = Number(th.dataset.column), numeric = th.dataset.numeric === "true";
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          function key(row) {
            var text = row.cells[column].dataset.sort;
            if (!numeric) { return text; }
            var number = Number(text === "nan" ? NaN : text);
            return text === "" || isNaN(number) ? null : number;
          }
          rows.sort(function (a, b) {
            var x = key(a), y = key(b);
            if (x === y) { return 0; }
            if (x === null) { return 1; }
            if (y === null) { return -1; }
            var order = numeric ? x - y : String(x).localeCompare(String(y));
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    })();
    """#

    /// The page's look: the table compact, the charts in a grid of equal boxes (Chart.js fills its box).
    static let style = """
    body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
    table { border-collapse: collapse; font-size: 0.9em; }
    th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; text-align: left; }
    th { cursor: pointer; user-select: none; background: #f4f4f4; }
    th[aria-sort=ascending]::after { content: " \\25B2"; }
    th[aria-sort=descending]::after { content: " \\25BC"; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    .charts { display: flex; flex-wrap: wrap; gap: 1em; }
    figure { margin: 0; }
    .plot { position: relative; width: 420px; height: 260px; }
    figcaption { font-size: 0.85em; color: #555; text-align: center; }
    section { margin-bottom: 1.5em; }
    """
}
