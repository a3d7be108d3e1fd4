using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>What to read and which events to keep.</summary>
public sealed class GetEventsOptions
{
    /// <summary>Read folders recursively.</summary>
    public bool Recurse { get; set; }

    public EventFilter Filter { get; set; } = new EventFilter();

    /// <summary>Records larger than this many bytes are skipped with one error (RecordTooLarge); memory stays
    /// bounded by it whatever the input.</summary>
    public long MaxRecordBytes { get; set; } = RecordSplitter.DefaultMaxRecordBytes;
}

/// <summary>Counts of one run, for exit codes and summaries.</summary>
public sealed class ReadStatistics
{
    public int InputsRequested { get; internal set; }
    /// <summary>Files opened (a file reached twice is read and counted once).</summary>
    public int FilesRead { get; internal set; }
    /// <summary>Files and streams that could be opened and read (a folder counts its files).</summary>
    public int InputsRead { get; internal set; }
    public int InputsUnreadable { get; internal set; }
    /// <summary>True when inputs were asked for and not one of them could be read (exit code 2).</summary>
    public bool NothingReadable => InputsRead == 0 && InputsUnreadable > 0;
    public long Records { get; internal set; }
    public long EventsEmitted { get; internal set; }
    public long Errors { get; internal set; }
}

/// <summary>
/// Reads events from files, folders, streams or pipeline text, maps each record to a <see cref="CsmEvent"/>, applies
/// the filter and emits matches at once. Each bad record is one error (<c>path:line: reason</c>, stable id) and
/// reading goes on. Used by Get-CsmEvent and <c>csm-events get</c>; other commands reuse it with their own
/// <see cref="IRecordConsumer"/> through <see cref="ReadInputs"/>.
/// </summary>
public sealed class GetEventsRunner : IRecordConsumer
{
    private readonly GetEventsOptions _options;
    private readonly ICommandSink _sink;
    private readonly CsmEventParser _parser = new();

    public GetEventsRunner(GetEventsOptions options, ICommandSink sink)
    {
        _options = options;
        _sink = sink;
    }

    public ReadStatistics Statistics { get; } = new ReadStatistics();

    /// <summary>The files this runner has read: each file is read once per command.</summary>
    public FileLedger Files { get; } = new FileLedger();

    /// <summary>Reads files and folders (already resolved by the host: no wildcards here); a file read before by
    /// this runner is not read again.</summary>
    public void ReadPaths(IEnumerable<string> paths) => ReadInputs(paths, _options.Recurse, this, _sink, Statistics, Files, _options.MaxRecordBytes);

    /// <summary>Writes the closing verbose line: files, records, bad records and events written.</summary>
    public void ReportTotals() =>
        _sink.Verbose(ReadReport.Total(Statistics, ReadReport.Count(Statistics.EventsEmitted, "event") + " written"));

    /// <summary>Reads a stream such as standard input.</summary>
    public void ReadStream(Stream stream, string displayPath) => ReadStream(stream, displayPath, this, Statistics, null, _sink.Cancellation, _options.MaxRecordBytes);

    /// <summary>Reads the events of a Datadog Logs API search, page by page.</summary>
    public void ReadDatadog(Datadog.DatadogLogsClient client, Datadog.DatadogSearchOptions search) => ReadDatadog(client, search, this, _sink, Statistics);

    /// <summary>Reads a stream into any record consumer; <paramref name="afterEachChunk"/> runs each time the
    /// records of one piece of input have been handed over.</summary>
    public static void ReadStream(Stream stream, string displayPath, IRecordConsumer consumer, ReadStatistics statistics, Action? afterEachChunk, System.Threading.CancellationToken cancellation, long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes)
    {
        statistics.InputsRequested++;
        if (EventInput.ReadStream(stream, displayPath, consumer, afterEachChunk == null ? null : _ => afterEachChunk(), cancellation, maxRecordBytes)) statistics.InputsRead++;
        else statistics.InputsUnreadable++;
    }

    /// <summary>Reads a Datadog search into any record consumer (which counts the records in
    /// <paramref name="statistics"/>); <paramref name="afterEachPage"/> runs after each page's records.</summary>
    public static void ReadDatadog(Datadog.DatadogLogsClient client, Datadog.DatadogSearchOptions search, IRecordConsumer consumer, ICommandSink sink, ReadStatistics statistics, Action? afterEachPage = null)
    {
        statistics.InputsRequested++;
        if (!DatadogEventReader.Read(client, search, consumer, sink, afterEachPage))
        {
            statistics.Errors++;
            if (statistics.Records == 0) statistics.InputsUnreadable++;
            else statistics.InputsRead++;
        }
        else statistics.InputsRead++;
    }

    /// <summary>Reads events given as text, piece by piece (pipeline strings: lines or whole documents).</summary>
    public TextInput BeginText(string displayPath) => BeginText(displayPath, this, _sink, Statistics, null, _options.MaxRecordBytes);

    /// <summary>Text input into any consumer; when the text ends, a verbose line counts its records.</summary>
    public static TextInput BeginText(string displayPath, IRecordConsumer consumer, ICommandSink sink, ReadStatistics statistics, IFileSummary? summary = null,
        long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes)
    {
        long records = statistics.Records, bad = statistics.Errors;
        summary?.BeginFile();
        return new TextInput(new RecordSplitter(displayPath, consumer, maxRecordBytes: maxRecordBytes),
            () => sink.Verbose(ReadReport.Done(displayPath, statistics.Records - records, statistics.Errors - bad, summary?.EndFile())));
    }

    /// <summary>The shared read loop: expands folders (<see cref="InputFiles"/>: each real file once, loops and
    /// special files named), reads each file with per-file progress, counts what happened, and says so in verbose
    /// lines (folders, files opened, records and bad records per file). A file the <paramref name="ledger"/> has seen
    /// is not read again. The per-file counts are exact for consumers that count as they receive (not for the
    /// parallel ones, whose counts lag).</summary>
    public static void ReadInputs(IEnumerable<string> paths, bool recurse, IRecordConsumer consumer, ICommandSink sink, ReadStatistics statistics, FileLedger? ledger = null,
        long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes)
    {
        var files = new List<string>();
        var walkReport = new WalkReport(consumer, sink);
        foreach (string path in paths)
        {
            statistics.InputsRequested++;
            if (Directory.Exists(path))
            {
                if (InputFiles.TryExpand(path, recurse, walkReport, out var found))
                {
                    files.AddRange(found);
                    sink.Verbose(ReadReport.Folder(path, found.Count, recurse));
                }
                else statistics.InputsUnreadable++;
                statistics.InputsUnreadable += walkReport.TakeUnreadableFiles();
            }
            else if (File.Exists(path)) files.Add(path);
            else
            {
                statistics.InputsUnreadable++;
                consumer.OnError(new ReadError(ReadErrorIds.FileNotFound, new EventSource(path, 0), "file not found"));
            }
        }
        var progress = new FileProgress(sink, files.Count);
        try
        {
            for (int i = 0; i < files.Count; i++)
            {
                sink.Cancellation.ThrowIfCancellationRequested();
                string file = files[i];
                if (ledger != null && !ledger.TryClaim(file))
                {
                    sink.Verbose(ReadReport.AlreadyRead(file));
                    continue;
                }
                progress.StartFile(i, file);
                ReadOneFile(file, consumer, sink, statistics, progress, maxRecordBytes);
            }
        }
        finally
        {
            progress.Complete();
        }
    }

    private static void ReadOneFile(string file, IRecordConsumer consumer, ICommandSink sink, ReadStatistics statistics, FileProgress progress, long maxRecordBytes)
    {
        var summary = consumer as IFileSummary;
        long records = statistics.Records, bad = statistics.Errors;
        sink.Verbose(ReadReport.Opening(file));
        summary?.BeginFile();
        statistics.FilesRead++;
        if (EventInput.ReadFile(file, consumer, progress.Report, sink.Cancellation, maxRecordBytes)) statistics.InputsRead++;
        else statistics.InputsUnreadable++;
        sink.Verbose(ReadReport.Done(file, statistics.Records - records, statistics.Errors - bad, summary?.EndFile()));
    }

    /// <summary>Folder walk problems: errors go through the consumer (counted and ordered like record errors),
    /// warnings and verbose text to the host.</summary>
    private sealed class WalkReport : InputFiles.IReport
    {
        private readonly IRecordConsumer _consumer;
        private readonly ICommandSink _sink;
        private int _unreadableFiles;

        public WalkReport(IRecordConsumer consumer, ICommandSink sink)
        {
            _consumer = consumer;
            _sink = sink;
        }

        public void Error(ReadError error)
        {
            if (error.ErrorId == ReadErrorIds.FileNotFound) _unreadableFiles++;
            _consumer.OnError(error);
        }

        public void Warning(string message) => _sink.Warning(message);

        public void Verbose(string message) => _sink.Verbose(message);

        public int TakeUnreadableFiles()
        {
            int count = _unreadableFiles;
            _unreadableFiles = 0;
            return count;
        }
    }

    /// <summary>Passes on an event that was already read (piped from another command): counted and filtered as a
    /// record would be, not parsed again; the same object is emitted.</summary>
    public void PassOn(CsmEvent evt)
    {
        Statistics.Records++;
        if (!_options.Filter.Matches(evt)) return;
        Statistics.EventsEmitted++;
        _sink.Emit(evt);
    }

    void IRecordConsumer.OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
    {
        Statistics.Records++;
        var evt = EventRecordParsing.TryParse(_parser, eventJson, source, out var error);
        if (evt == null)
        {
            ((IRecordConsumer)this).OnError(error!);
            return;
        }
        if (!_options.Filter.Matches(evt)) return;
        Statistics.EventsEmitted++;
        _sink.Emit(evt);
    }

    void IRecordConsumer.OnError(ReadError error)
    {
        Statistics.Errors++;
        _sink.Error(ToCsmError(error));
    }

    /// <summary>The host-facing form of a reading error.</summary>
    public static CsmError ToCsmError(ReadError error)
    {
        var category = error.ErrorId switch
        {
            ReadErrorIds.FileNotFound => CsmErrorCategory.ObjectNotFound,
            ReadErrorIds.FileReadError => CsmErrorCategory.ReadError,
            ReadErrorIds.CorruptCompressedStream => CsmErrorCategory.ReadError,
            ReadErrorIds.NestingTooDeep => CsmErrorCategory.LimitsExceeded,
            Export.ExportErrorIds.MissingTimestamp => CsmErrorCategory.InvalidData,
            ReadErrorIds.RecordTooLarge => CsmErrorCategory.LimitsExceeded,
            _ => CsmErrorCategory.ParserError,
        };
        return new CsmError(error.ErrorId, category, error.Message, error.Source);
    }

    /// <summary>Feeds pipeline text to the reader; complete records are emitted as soon as they are complete. The
    /// strings are UTF-16: they are transcoded as UTF-16 files are (<see cref="Utf16Transcoder"/>), so that a lone
    /// surrogate is an error, not silently a U+FFFD as Encoding.UTF8 would make it.</summary>
    public sealed class TextInput : IDisposable
    {
        private readonly RecordSplitter _splitter;
        private readonly Action? _onComplete;
        private readonly Utf16Transcoder _transcoder = new(bigEndian: !BitConverter.IsLittleEndian);
        private byte[] _utf8 = new byte[1024];

        internal TextInput(RecordSplitter splitter, Action? onComplete = null)
        {
            _splitter = splitter;
            _onComplete = onComplete;
        }

        /// <summary>Adds one piece of text (a line, or a whole document); a line break is added after it.</summary>
        public void Append(string? text)
        {
            text ??= string.Empty;
            const int Piece = 64 * 1024; // characters at a time: a whole file as one string is not copied whole
            for (int at = 0; at < text.Length; at += Piece) Add(text.AsSpan(at, Math.Min(Piece, text.Length - at)));
            Add("\n".AsSpan());
        }

        private void Add(ReadOnlySpan<char> chars)
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars);
            int needed = Utf16Transcoder.MaxOutput(bytes.Length);
            if (_utf8.Length < needed) _utf8 = new byte[needed];
            int count = _transcoder.Convert(bytes, _utf8, final: false);
            _splitter.Append(new ReadOnlySpan<byte>(_utf8, 0, count));
        }

        /// <summary>The input has ended: the last record is handed over, or reported as incomplete.</summary>
        public void Complete()
        {
            int count = _transcoder.Convert(ReadOnlySpan<byte>.Empty, _utf8, final: true);
            _splitter.Append(new ReadOnlySpan<byte>(_utf8, 0, count));
            _splitter.Drain(isFinal: true);
            _onComplete?.Invoke();
        }

        public void Dispose() => _splitter.Dispose();
    }

    /// <summary>Progress per file (bytes read of its size), at most four updates a second, only once reading has
    /// lasted half a second so quick reads show no flicker.</summary>
    private sealed class FileProgress
    {
        private const string Activity = "Reading CSM events";
        private readonly ICommandSink _sink;
        private readonly int _fileCount;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastReportMs = -1000;
        private string _file = string.Empty;
        private int _index;
        private bool _shown;

        public FileProgress(ICommandSink sink, int fileCount)
        {
            _sink = sink;
            _fileCount = fileCount;
        }

        public void StartFile(int index, string file)
        {
            _index = index;
            _file = file;
        }

        public void Report(long read, long length)
        {
            long now = _clock.ElapsedMilliseconds;
            if (now < 500 || now - _lastReportMs < 250) return;
            _lastReportMs = now;
            _shown = true;
            int overall = _fileCount == 0 ? 0 : (int)(100L * _index / _fileCount);
            _sink.Progress(new CsmProgress(1, Activity, "File " + (_index + 1) + " of " + _fileCount, overall));
            int percent = length > 0 ? (int)Math.Min(100, 100 * read / length) : -1;
            _sink.Progress(new CsmProgress(2, _file, FormatBytes(read) + " of " + FormatBytes(length), percent, parentActivityId: 1));
        }

        public void Complete()
        {
            if (!_shown) return;
            _sink.Progress(new CsmProgress(2, _file, "Done", 100, parentActivityId: 1, completed: true));
            _sink.Progress(new CsmProgress(1, Activity, "Done", 100, completed: true));
        }

        private static string FormatBytes(long bytes) => bytes >= 1 << 20 ? (bytes / (1024.0 * 1024.0)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB" : (bytes / 1024) + " KB";
    }
}
