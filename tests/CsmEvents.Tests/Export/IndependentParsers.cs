using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;

namespace CsmEvents.Tests.Export;

/// <summary>
/// Parses export output with Python's own csv and json modules (Debian's python3, which CI has), so that the formats
/// are checked by parsers that share no code with the writers. Each parser hands back what it read as JSON.
/// </summary>
internal static class IndependentParsers
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The records of a CSV text as Python's csv.reader reads them (RFC 4180 dialect: excel).</summary>
    public static List<List<string>> Csv(string text)
    {
        const string script = "import csv, io, json, sys\n" +
            "text = sys.stdin.buffer.read().decode('utf-8')\n" +
            "json.dump(list(csv.reader(io.StringIO(text, newline=''), dialect='excel', strict=True)), sys.stdout)\n";
        using var doc = JsonDocument.Parse(Run(script, text));
        var rows = new List<List<string>>();
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var cells = new List<string>();
            foreach (var cell in row.EnumerateArray()) cells.Add(cell.GetString()!);
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>Each JSON line as Python's json.loads reads it, with two checks Timesketch's importer relies on:
    /// <c>datetime</c> parses with datetime.fromisoformat, and its microseconds since 1970 (as <c>_epoch_us</c>).</summary>
    public static List<JsonElement> TimesketchLines(string text)
    {
        const string script = "import json, sys\n" +
            "from datetime import datetime, timezone\n" +
            "out = []\n" +
            "for line in sys.stdin.buffer.read().decode('utf-8').splitlines():\n" +
            "    record = json.loads(line)\n" +
            "    when = datetime.fromisoformat(record['datetime'])\n" +
            "    record['_epoch_us'] = (when - datetime(1970, 1, 1, tzinfo=timezone.utc)) // __import__('datetime').timedelta(microseconds=1)\n" +
            "    out.append(record)\n" +
            "json.dump(out, sys.stdout)\n";
        using var doc = JsonDocument.Parse(Run(script, text));
        var lines = new List<JsonElement>();
        foreach (var line in doc.RootElement.EnumerateArray()) lines.Add(line.Clone());
        return lines;
    }

    private static string Run(string script, string input)
    {
        if (!File.Exists(Python)) Assert.Fail(Python + " is missing; the export tests parse with Python's csv and json modules (apt-get install python3)");
        var psi = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var bytes = new UTF8Encoding(false).GetBytes(input);
        process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail("python3 could not parse the output: " + errors.Result);
        return output.Result;
    }
}
