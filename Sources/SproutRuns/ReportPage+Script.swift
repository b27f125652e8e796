extension ReportPage {
    /// The page's script: reads the embedded data (`JSON.parse`, never evaluated as code), draws each canvas with
    /// Chart.js as it comes near the view (all at once with `#all`), makes the table sortable, and marks the body
    /// with `data-charts-total` (canvases shown), `data-charts-drawn` (drawn now) and `data-charts-failed` (when a
    /// chart threw), and each drawn canvas with `data-lines="N"`, the lines Chart.js holds, and with `#pixels` its
    /// `data-painted`, the coloured pixels inside the plot area: states a headless browser's `--dump-dom` shows once
    /// the script has run, so a test waits for a fact rather than a time, and reads what the page drew rather than
    /// what the generator meant. `#only=ID` shows one section alone (and `charts=` some of its charts: the
    /// README's figure). Names reach the page only
    /// as Chart.js labels, which it draws on the canvas, never as HTML. Animation is off: a screenshot shows the
    /// finished charts. Non-finite values (`"nan"`, `"inf"` in the data) are gaps in a line, and so are values ≤ 0
    /// on the depth view's log scale.
    static let script = #"""
    (function () {
      "use strict";
      var started = performance.now();
      var data = JSON.parse(document.getElementById("sprout-data").textContent);
      var options = new URLSearchParams(location.hash.slice(1));
      var colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                    "#bcbd22", "#17becf"];
      function value(v) { return typeof v === "number" && isFinite(v) ? v : null; }
      function positive(v) { return value(v) !== null && v > 0 ? v : null; }
      function line(label, xs, ys, i, keep) {
        keep = keep || value;
        return { label: label, data: xs.map(function (x, k) { return { x: x, y: keep(ys[k]) }; }),
                 borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
                 borderWidth: 1.5, pointRadius: xs.length > 30 ? 0 : 2, spanGaps: false };
      }
      function dashed(spec) { spec.borderDash = [5, 4]; spec.borderWidth = 1; spec.pointRadius = 0; return spec; }
      function hasValues(ys) { return (ys || []).some(function (y) { return value(y) !== null; }); }
      function runLines(run, columns) {
        var m = run.metrics, lines = columns.filter(function (c) { return hasValues(m[c[0]]); })
          .map(function (c) { return line(c[1], m.epoch, m[c[0]], c[2]); });
        var p = run.previous;
        if (p) {
          columns.filter(function (c) { return hasValues(p.metrics[c[0]]); }).forEach(function (c) {
            lines.push(dashed(line("previous run, " + c[1], p.metrics.epoch, p.metrics[c[0]], c[2])));
          });
        }
        return lines;
      }
      function atInit(layers) { return layers.filter(function (l) { return l.epoch[0] === 0; }); }
      function first(ys) { return ys ? ys[0] : null; }
      // A sweep's variants that differ only in their seed are one setting: one colour, one legend entry
      // ("weight=zeros, 3 seeds"), so an initializer sweep reads at a glance.
      function sweepLines(sweep, make) {
        var groups = [], counts = {};
        var keys = sweep.variants.map(function (name) {
          var key = name.split(",").filter(function (part) { return !/^seed=/.test(part); }).join(",") || name;
          if (groups.indexOf(key) < 0) { groups.push(key); counts[key] = 0; }
          counts[key] += 1;
          return key;
        });
        return sweep.runs.map(function (r, k) {
          var spec = make(data.runs[r], groups.indexOf(keys[k]));
          spec.label = counts[keys[k]] > 1 ? keys[k] + ", " + counts[keys[k]] + " seeds" : sweep.variants[k];
          spec.legendFirst = keys.indexOf(keys[k]) === k;
          return spec;
        });
      }
      // The depth view's x axis: node positions 1, 2, ... in executed order, ticks labelled with the node's name.
      function depthSpec(names, lines, y) {
        return { y: y, log: true, lines: lines, x: "node (executed order)",
                 tick: function (v) { return Number.isInteger(v) && names[v - 1] !== undefined ? names[v - 1] : ""; } };
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
          return { y: "distinct units", integer: true, lines: layers.map(function (l, k) {
            return line(l.node, l.epoch, l.distinct_units, k); }) };
        },
        activation_std: function (i) {
          return { y: "activation std", lines: data.runs[i].layers.map(function (l, k) {
            return line(l.node, l.epoch, l.activation_std, k); }) };
        },
        gradient_std: function (i) {
          return { y: "gradient std", lines: data.runs[i].layers.filter(function (l) { return l.gradient_std; })
            .map(function (l, k) { return line(l.node, l.epoch, l.gradient_std, k); }) };
        },
        dead_saturated: function (i) {
          var lines = [];
          data.runs[i].layers.forEach(function (l) {
            if (l.dead_fraction) { lines.push(line(l.node + " dead", l.epoch, l.dead_fraction, lines.length)); }
            if (l.saturated_fraction) {
              lines.push(line(l.node + " saturated", l.epoch, l.saturated_fraction, lines.length));
            }
          });
          return { y: "fraction", min: 0, max: 1, lines: lines };
        },
        depth: function (i) {
          var layers = atInit(data.runs[i].layers), xs = layers.map(function (l, k) { return k + 1; });
          var lines = [line("activation std", xs, layers.map(function (l) { return l.activation_std[0]; }), 0, positive)];
          if (layers.some(function (l) { return l.gradient_std; })) {
            lines.push(line("gradient std", xs, layers.map(function (l) { return first(l.gradient_std); }), 1, positive));
          }
          return depthSpec(layers.map(function (l) { return l.node; }), lines, "std at epoch 0");
        },
        sweep: function (i, metric) {
          return { y: metric, lines: sweepLines(data.sweeps[i], function (run, color) {
            return line("", run.metrics.epoch, run.metrics[metric], color);
          }) };
        },
        sweep_distinct_units: function (i) {
          var nodes = [];
          var lines = sweepLines(data.sweeps[i], function (run, color) {
            var layer = run.layers.filter(function (l) { return hasValues(l.distinct_units); })[0];
            if (!layer) { return line("", [], [], color); }
            if (nodes.indexOf(layer.node) < 0) { nodes.push(layer.node); }
            return line("", layer.epoch, layer.distinct_units, color);
          });
          return { y: "distinct units of " + nodes.join(", "), integer: true, lines: lines };
        },
        sweep_depth: function (i, metric) {
          var sweep = data.sweeps[i], names = [];
          sweep.runs.forEach(function (r) {
            atInit(data.runs[r].layers).forEach(function (l) { if (names.indexOf(l.node) < 0) { names.push(l.node); } });
          });
          var lines = sweepLines(sweep, function (run, color) {
            var layers = atInit(run.layers);
            return line("", layers.map(function (l) { return names.indexOf(l.node) + 1; }),
                        layers.map(function (l) { return first(l[metric]); }), color, positive);
          });
          return depthSpec(names, lines, (metric === "gradient_std" ? "gradient" : "activation") + " std at epoch 0");
        }
      };

      // Pixels of the data inside the plot area that are not background and not the grey of grid, axes and text:
      // the lines and points Chart.js drew (`#pixels`, for the browser tests).
      function paintedPixels(chart) {
        var ratio = chart.currentDevicePixelRatio || 1, area = chart.chartArea, margin = 3;
        var left = Math.max(0, Math.floor((area.left - margin) * ratio));
        var top = Math.max(0, Math.floor((area.top - margin) * ratio));
        var width = Math.min(chart.canvas.width - left, Math.ceil((area.right - area.left + 2 * margin) * ratio));
        var height = Math.min(chart.canvas.height - top, Math.ceil((area.bottom - area.top + 2 * margin) * ratio));
        if (width <= 0 || height <= 0) { return 0; }
        var pixels = chart.ctx.getImageData(left, top, width, height).data, count = 0;
        for (var k = 0; k < pixels.length; k += 4) {
          var r = pixels[k], g = pixels[k + 1], b = pixels[k + 2];
          if (pixels[k + 3] > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) { count += 1; }
        }
        return count;
      }

      // A log axis labelled at the powers of ten only (1e-3, 1e0, ...), which stay readable over 20 decades.
      function powerOfTen(v) {
        var e = Math.log10(v);
        return Math.abs(e - Math.round(e)) < 1e-9 ? "1e" + Math.round(e) : "";
      }

      var drawn = 0, failed = 0, charts = new Map();
      function mark() {
        document.body.setAttribute("data-charts-drawn", String(drawn));
        if (failed > 0) { document.body.setAttribute("data-charts-failed", String(failed)); }
      }
      function draw(canvas) {
        if (charts.has(canvas)) { return; }
        try {
          var spec = build[canvas.dataset.chart](Number(canvas.dataset.index), canvas.dataset.metric);
          var y = { type: spec.log ? "logarithmic" : "linear", title: { display: true, text: spec.y },
                    ticks: spec.integer ? { precision: 0 } : spec.log ? { callback: powerOfTen } : {} };
          if (spec.min !== undefined) { y.min = spec.min; y.max = spec.max; }
          var x = { type: "linear", title: { display: true, text: spec.x || "epoch" } };
          if (spec.tick) { x.ticks = { stepSize: 1, autoSkip: true, callback: spec.tick }; }
          var chart = new Chart(canvas, {
            type: "line",
            data: { datasets: spec.lines },
            options: {
              animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
              scales: { x: x, y: y },
              plugins: { legend: { position: "bottom", labels: { boxWidth: 10, font: { size: 11 },
                filter: function (item, chartData) { return chartData.datasets[item.datasetIndex].legendFirst !== false; } } } }
            }
          });
          charts.set(canvas, chart);
          canvas.setAttribute("data-lines", String(chart.data.datasets.length));
          if (options.has("pixels")) { canvas.setAttribute("data-painted", String(paintedPixels(chart))); }
          drawn += 1;
        } catch (error) {
          failed += 1;
          console.error(error);
        }
      }
      function undraw(canvas) {
        var chart = charts.get(canvas);
        if (chart) { chart.destroy(); charts.delete(canvas); canvas.removeAttribute("data-lines"); drawn -= 1; }
      }

      // Each chart's caption, by kind.
      var captions = {
        loss: "loss per epoch", accuracy: "accuracy per epoch", distinct_units: "distinct units per dense layer",
        activation_std: "activation std per node", gradient_std: "gradient std (dL/d output) per node",
        dead_saturated: "dead (relu) and saturated (tanh, sigmoid) fraction per node",
        depth: "std per node at initialization (epoch 0), log scale",
        sweep: function (metric) { return metric + " per epoch, a line per variant"; },
        sweep_distinct_units: "distinct units of the first dense or conv2d layer, a line per variant",
        sweep_depth: function (metric) {
          return (metric === "gradient_std" ? "gradient" : "activation") + " std per node at initialization, "
            + "log scale, a line per variant";
        }
      };
      // A section's figures, made from its `data-charts` list the first time it comes near the view (`wanted`:
      // the tokens to show, all when absent). Returns its canvases.
      function makeFigures(section, wanted) {
        if (!section.builtCanvases) {
          var box = document.createElement("div");
          box.className = "charts";
          section.builtCanvases = section.dataset.charts.split(" ").filter(function (token) {
            var kind = token.split(":")[0];
            return !wanted || wanted.indexOf(token) >= 0 || wanted.indexOf(kind) >= 0;
          }).map(function (token) {
            var kind = token.split(":")[0], metric = token.split(":")[1];
            var figure = document.createElement("figure"), plot = document.createElement("div");
            var canvas = document.createElement("canvas"), caption = document.createElement("figcaption");
            plot.className = "plot";
            canvas.dataset.chart = kind;
            canvas.dataset.index = section.dataset.index;
            if (metric) { canvas.dataset.metric = metric; }
            var text = captions[kind];
            caption.textContent = typeof text === "function" ? text(metric) : text;
            plot.appendChild(canvas);
            figure.appendChild(plot);
            figure.appendChild(caption);
            box.appendChild(figure);
            return canvas;
          });
          section.appendChild(box);
        }
        return section.builtCanvases;
      }
      // `shown`: the section's charts are drawn (or were tried: a chart that threw is counted once, not again at
      // every scroll).
      function drawSection(section) { makeFigures(section).forEach(draw); section.shown = true; }
      function undrawSection(section) { (section.builtCanvases || []).forEach(undraw); section.shown = false; }

      var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-charts]"));
      // `#only=ID`: the page shows that section alone; with `charts=KIND,...` only those of its charts (a kind, or
      // kind:metric: `sweep:val_accuracy`). The README's figure is a screenshot of such a page.
      if (options.has("only")) {
        var kept = document.getElementById(options.get("only"));
        Array.prototype.forEach.call(document.body.children, function (child) {
          if (child.tagName !== "SCRIPT" && child !== kept) { child.style.display = "none"; }
        });
        sections = sections.filter(function (section) { return section === kept; });
        if (kept && options.has("charts")) { makeFigures(kept, options.get("charts").split(",")); }
      }
      document.body.setAttribute("data-charts-total", String(sections.reduce(function (sum, section) {
        return sum + (section.builtCanvases ? section.builtCanvases.length : section.dataset.charts.split(" ").length);
      }, 0)));
      // A section's charts are made and drawn as it comes within a screen of the window and let go when it leaves
      // that band, so a report of a thousand runs opens about as fast as one of ten and holds only the charts near
      // the view (a chart's canvas costs its pixels in memory). `#all` draws every chart at once (tests,
      // screenshots). The band is checked as the script runs (the first screen is drawn at once), on load, and
      // after each scroll, resize or jump to an anchor (at most every 50 ms): positions read first, all at once,
      // then the drawing, and again while drawing moved the sections below.
      function update() {
        var screen = window.innerHeight;
        var near = sections.map(function (section) {
          var place = section.getBoundingClientRect();
          return place.bottom >= -screen && place.top <= 2 * screen;
        });
        var changed = false;
        sections.forEach(function (section, k) {
          if (near[k] && !section.shown) { drawSection(section); changed = true; }
          if (!near[k] && section.shown) { undrawSection(section); changed = true; }
        });
        mark();
        return changed;
      }
      if (options.has("all")) {
        sections.forEach(drawSection);
        mark();
      } else {
        for (var round = 0; round < 5 && update(); round += 1) {}
        var pending = null;
        var later = function () {
          if (pending === null) {
            pending = setTimeout(function () { pending = null; if (update()) { later(); } }, 50);
          }
        };
        ["scroll", "resize", "hashchange", "load"].forEach(function (event) { window.addEventListener(event, later); });
      }
      // How long the script took, and when the page was ready counted from the navigation's start (parsing the page
      // included): what bench/report_1000.py reads.
      document.body.setAttribute("data-script-ms", String(Math.round(performance.now() - started)));
      document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));

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
    .plot { position: relative; width: 420px; height: 300px; }
    section.sweep .plot { width: 560px; height: 400px; }
    figcaption { font-size: 0.85em; color: #555; text-align: center; }
    section { margin-bottom: 1.5em; }
    p.previous { font-size: 0.9em; color: #555; }
    p.notes { font-size: 0.85em; color: #555; }
    .test-tables { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; margin-bottom: 1em; }
    table.confusion th, table.scores th { cursor: default; }
    table.confusion td { min-width: 2.5em; border: 1px solid #fff; }
    table.confusion th.axis { font-weight: normal; font-style: italic; color: #555; }
    table.scores tr.macro th, table.scores tr.macro td { border-top: 2px solid #bbb; }
    caption { font-size: 0.85em; color: #555; caption-side: bottom; padding-top: 0.3em; }
    """
}
