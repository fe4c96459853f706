using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RstLab.Tests;

/// <summary>Headless Chromium with every host unreachable: what a page drew, read back from its DOM, and a screenshot.</summary>
static partial class Browser
{
    // Runs before any script of the page: records script errors, failed loads and console.error, then, once the page
    // has loaded and drawn, writes what it sees into a <pre> that --dump-dom prints. Measured on Chromium 156 with
    // a page that throws, calls console.error and loads a script from a CDN: --enable-logging=stderr --v=0 printed
    // the uncaught error and the console.error (both as INFO:CONSOLE, like console.log) but nothing for the failed
    // load; this probe reports all three (BrowserTests.It_reports_script_errors_and_loads_from_the_network).
    const string Probe = """
        <script>(function () {
          var errors = [];
          window.addEventListener('error', function (e) {
            var t = e.target;
            if (t && t !== window && (t.src || t.href)) errors.push('failed to load ' + (t.src || t.href));
            else errors.push('script error: ' + e.message + ' (' + (e.filename || '') + ':' + (e.lineno || '') + ')');
          }, true);
          window.addEventListener('unhandledrejection', function (e) { errors.push('unhandled rejection: ' + ((e.reason && e.reason.message) || e.reason)); });
          var consoleError = console.error;
          console.error = function () { errors.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' ')); return consoleError.apply(console, arguments); };
          function visible(el) { var r = el.getBoundingClientRect(), s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; }
          function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
          // Each code cell whose code is wider than its box, or whose box ends past the page's right edge, with its widest line.
          function codeOffTheEdge() {
            var page = document.documentElement.clientWidth, ruler = document.createElement('canvas').getContext('2d');
            return all('.jp-CodeCell .jp-InputArea-editor').map(function (box, i) {
              var pre = box.querySelector('pre');
              if (!pre || (pre.scrollWidth <= box.clientWidth + 1 && box.getBoundingClientRect().right <= page + 1)) return null;
              ruler.font = getComputedStyle(pre).font;
              var lines = pre.textContent.replace(/\n$/, '').split('\n'), widest = 0;
              lines.forEach(function (l, n) { if (ruler.measureText(l).width > ruler.measureText(lines[widest]).width) widest = n; });
              return { cell: i + 1, firstLine: lines[0], line: widest + 1, text: lines[widest], codeWidth: pre.scrollWidth, boxWidth: box.clientWidth };
            }).filter(function (o) { return o; });
          }
          function report() {
            var rows = all('table.rstlab-packets tr.rst').filter(visible);
            var arrows = all('svg.rstlab-ladder g.rstlab-arrow.rst').filter(visible);
            var r = {
              errors: errors,
              plotlyCopies: all('script').filter(function (s) { return s.text.indexOf('* plotly' + '.js v') >= 0; }).length,   /* split, so this probe does not count itself */
              charts: all('.js-plotly-plot').map(function (gd) {
                return { svg: gd.querySelectorAll('svg.main-svg').length, drawnTraces: gd.querySelectorAll('g.trace').length, visible: visible(gd),
                         points: (gd.data || []).map(function (t) { return (t.x || t.values || t.y || []).length; }) };
              }),
              ladders: all('svg.rstlab-ladder').map(function (l) { return { visible: visible(l), arrows: l.querySelectorAll('g.rstlab-arrow').length }; }),
              rstRows: rows.length,
              rstRowColor: rows.length ? getComputedStyle(rows[0].cells[0]).backgroundColor : '',
              rstArrows: arrows.length,
              rstArrowColor: arrows.length ? getComputedStyle(arrows[0].querySelector('line')).stroke : '',
              codeOffTheEdge: codeOffTheEdge(),
              height: document.documentElement.scrollHeight
            };
            var pre = document.createElement('pre'); pre.id = 'rstlab-report'; pre.textContent = JSON.stringify(r); document.body.appendChild(pre);
          }
          window.addEventListener('load', function () { setTimeout(report, 500); });
        })();</script>
        """;

    /// <summary>The width of the window every page is opened in (and its screenshot taken at): a laptop's browser window.</summary>
    public const int PageWidth = 1280;

    /// <summary>Opens <paramref name="page"/> offline at <see cref="PageWidth"/> and returns what it drew; saves a full-page screenshot to <paramref name="screenshot"/> when given.</summary>
    public static PageReport Render(string page, string? screenshot = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(page))!;
        var probed = Path.Combine(folder, $".probed-{Path.GetFileName(page)}");
        var html = File.ReadAllText(page);
        var head = Regex.Match(html, "<head[^>]*>", RegexOptions.IgnoreCase);
        File.WriteAllText(probed, head.Success ? html.Insert(head.Index + head.Length, Probe) : Probe + html);
        try
        {
            var dom = Chromium($"--window-size={PageWidth},800 --dump-dom file://{probed}");
            var json = ReportElement().Match(dom);
            if (!json.Success)
                throw new InvalidOperationException($"{page}: the page never finished loading (no report in the DOM).");
            var report = JsonSerializer.Deserialize<PageReport>(WebUtility.HtmlDecode(json.Groups[1].Value), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            if (screenshot is not null)
                Chromium($"--window-size={PageWidth},{Math.Clamp(report.Height, 600, 16000)} --screenshot={screenshot} file://{Path.GetFullPath(page)}");
            return report;
        }
        finally
        {
            File.Delete(probed);
        }
    }

    static string Chromium(string arguments)
    {
        // A fresh profile each time: Chromium remembers a profile's last window size and would ignore --window-size.
        var profile = Directory.CreateTempSubdirectory("rstlab-chromium-").FullName;
        try
        {
            return Command.Check("chromium",
                "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars " +
                $"--host-resolver-rules=\"MAP * ~NOTFOUND\" --user-data-dir={profile} --virtual-time-budget=10000 {arguments}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [GeneratedRegex("<pre id=\"rstlab-report\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ReportElement();
}

/// <summary>What a page drew, as its DOM says after loading.</summary>
sealed record PageReport(
    IReadOnlyList<string> Errors,
    int PlotlyCopies,
    IReadOnlyList<ChartReport> Charts,
    IReadOnlyList<LadderReport> Ladders,
    int RstRows,
    string RstRowColor,
    int RstArrows,
    string RstArrowColor,
    IReadOnlyList<CodeOverflow> CodeOffTheEdge,
    int Height);

/// <summary>One Plotly chart: its SVG layers, drawn traces, and the points each trace was given.</summary>
sealed record ChartReport(int Svg, int DrawnTraces, bool Visible, IReadOnlyList<int> Points);

/// <summary>A code cell that runs off the right edge: its number among the page's code cells, its first line, and its widest line (1-based) and that line's text.</summary>
sealed record CodeOverflow(int Cell, string FirstLine, int Line, string Text, int CodeWidth, int BoxWidth)
{
    public override string ToString() => $"code cell {Cell} ({FirstLine.Trim()}), line {Line} runs off the right edge ({CodeWidth} px of code in a {BoxWidth} px box): {Text.Trim()}";
}

/// <summary>One ladder diagram: whether it takes up space on the page, and its arrows.</summary>
sealed record LadderReport(bool Visible, int Arrows);
