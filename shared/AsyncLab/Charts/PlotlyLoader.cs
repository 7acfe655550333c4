namespace AsyncLab;

/// <summary>The JavaScript that draws a chart, loading plotly.js at most once per page.</summary>
internal static class PlotlyLoader
{
    /// <summary>
    /// A function expression taking (element id, plotly.js URL, figure). It draws at once when
    /// <c>window.Plotly</c> exists. Otherwise every chart on the page shares one loading promise per
    /// URL (kept on <c>window</c>, so ten charts add one script tag), through RequireJS when the page
    /// uses it (classic Jupyter, where plotly registers as an AMD module instead of setting
    /// <c>window.Plotly</c>). A failed load is reported above the chart's text version, which stays, and
    /// is retried on the next chart.
    /// </summary>
    public const string Script = """
        (function (id, url, figure) {
          var element = document.getElementById(id);
          if (!element) { return; }
          function draw(Plotly) {
            element.textContent = '';
            figure.layout.font = figure.layout.font || {};
            figure.layout.font.color = getComputedStyle(element).color || figure.layout.font.color;
            Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displaylogo: false });
          }
          function fail() {
            var message = document.createElement('p');
            message.textContent = 'The chart could not be drawn: plotly.js did not load from ' + url +
              '. Set PlotlyScript.Url in C# (or the ASYNCLAB_PLOTLY_URL environment variable) to a reachable copy of plotly.js. Its numbers follow as text.';
            element.insertBefore(message, element.firstChild);
          }
          if (window.Plotly) { draw(window.Plotly); return; }
          var loads = window.asyncLabPlotlyLoads = window.asyncLabPlotlyLoads || {};
          if (!loads[url]) {
            loads[url] = new Promise(function (resolve, reject) {
              var href = new URL(url, document.baseURI).href;
              if (typeof window.require === 'function' && typeof window.define === 'function' && window.define.amd) {
                window.require.config({ paths: { plotly: href.replace(/\.js$/, '') } });
                window.require(['plotly'], resolve, reject);
              } else {
                var script = document.createElement('script');
                script.src = href;
                script.onload = function () {
                  if (window.Plotly) { resolve(window.Plotly); } else { reject(new Error('plotly.js did not set window.Plotly')); }
                };
                script.onerror = reject;
                (document.head || document.body).appendChild(script);
              }
            });
            loads[url].catch(function () { delete loads[url]; });
          }
          loads[url].then(draw, fail);
        })
        """;
}
