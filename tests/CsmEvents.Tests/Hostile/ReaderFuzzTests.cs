using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Reading;
using CsmEvents.Tests.Support;
using Xunit.Abstractions;

namespace CsmEvents.Tests.Hostile;

/// <summary>
/// The fuzz target for the reader and the validator: a seeded mutator (SharpFuzz needs an instrumented build and a
/// libFuzzer driver this machine does not have) that starts from the samples and generated events, breaks them the
/// ways the hostile-input campaign did (bytes that are not UTF-8, lone surrogates, repeated members, deep nesting,
/// stray brackets, CR line ends, cuts, gzip and UTF-16 wrappers, huge records under a small limit) and checks, for
/// every input, what must always hold:
/// <list type="bullet">
/// <item>reading and validating never throw, whatever the bytes;</item>
/// <item>get and test report exactly the same errors, and test gives a verdict for every event get reads;</item>
/// <item>the event parser accepts exactly the records the record check accepts, and fails with its message (get
/// without a filter and test use only the check, get with a filter and Get-CsmEvent the parser), and the check
/// calls a record compact exactly when removing the whitespace between its tokens would change nothing;</item>
/// <item>the records and errors do not depend on how the input is cut into reads;</item>
/// <item>the reader's buffer stays within the record-size limit.</item>
/// </list>
/// It runs for CSM_FUZZ_SECONDS seconds (default 20) from the seed CSM_FUZZ_SEED (default: the time); a failure names
/// the seed and iteration and leaves the input in TestResults/fuzz/ to replay.
/// </summary>
public class ReaderFuzzTests
{
    private readonly ITestOutputHelper _output;

    public ReaderFuzzTests(ITestOutputHelper output) => _output = output;

    private static readonly byte[][] Seeds = LoadSeeds();

    [Fact]
    public void ReaderAndValidatorHoldTheirInvariantsOnMutatedInput()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("CSM_FUZZ_SECONDS"), out int s) ? s : 20;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("CSM_FUZZ_SEED"), out int given) ? given : Environment.TickCount & 0x7FFFFFFF;
        var clock = Stopwatch.StartNew();
        long iterations = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // One generator per input: iteration N of a seed replays alone.
            var random = new Random(unchecked(seed * 7919 + (int)iterations));
            byte[] input = Array.Empty<byte>();
            try
            {
                input = Mutator.Make(random, Seeds);
                CheckInvariants(input, random.Next());
            }
            catch (Exception ex)
            {
                string folder = Path.Combine(RepoPaths.Root, "TestResults", "fuzz");
                Directory.CreateDirectory(folder);
                string file = Path.Combine(folder, "seed" + seed + "-iteration" + iterations + ".bin");
                File.WriteAllBytes(file, input);
                throw new Xunit.Sdk.XunitException("fuzz seed " + seed + ", iteration " + iterations + " (input in " + file + "): " + ex);
            }
            iterations++;
        }
        _output.WriteLine("fuzz: seed " + seed + ", " + iterations + " inputs in " + clock.Elapsed.TotalSeconds.ToString("0.0") + " s");
        Assert.True(iterations > 100, "too few inputs tried: " + iterations);
    }

    // One parser for every input of a run, so that its caches hold many values when a record is read.
    [ThreadStatic] private static CsmEvents.Model.CsmEventParser? LastingParser;

    internal static void CheckInvariants(byte[] input, int pieceSeed)
    {
        const long Limit = 16 * 1024;
        // get and test on the same bytes.
        var getSink = new RecordingSink();
        var get = new GetEventsRunner(new GetEventsOptions { MaxRecordBytes = Limit }, getSink);
        get.ReadStream(new MemoryStream(input), "fuzz.json");
        var testSink = new RecordingSink();
        var test = new TestEventsRunner(new TestEventsOptions { SchemaName = "windows", Detailed = true, MaxRecordBytes = Limit }, testSink);
        test.ReadStream(new MemoryStream(input), "fuzz.json");
        Assert.Equal(getSink.ErrorMessages, testSink.ErrorMessages);
        Assert.Equal(getSink.ErrorIds, testSink.ErrorIds);
        Assert.Equal(getSink.Emitted.Count, testSink.Emitted.Count);
        Assert.All(getSink.Errors, e => Assert.StartsWith("fuzz.json", e.Message));

        // The same records and errors whatever the reads are cut into, and a bounded buffer.
        var whole = new Collected();
        EventInput.ReadStream(new MemoryStream(input), "fuzz.json", whole, maxRecordBytes: Limit);
        var trickled = new Collected();
        EventInput.ReadStream(new TricklingStream(input, new Random(pieceSeed)), "fuzz.json", trickled, maxRecordBytes: Limit);
        var parser = LastingParser ??= new CsmEvents.Model.CsmEventParser();
        for (int r = 0; r < whole.RawRecords.Count; r++)
        {
            var source = whole.Records[r].Source;
            var parsed = EventRecordParsing.TryParse(parser, whole.RawRecords[r], source, out var parseError);
            var checkError = RecordCheck.Check(whole.RawRecords[r], source, out bool isCompact);
            Assert.Equal(checkError?.Message, parseError?.Message);
            Assert.Equal(checkError == null, parsed != null);
            if (checkError != null) continue;
            // get writes a record the check calls compact as it is, any other through CompactJson.
            var compacted = new byte[whole.RawRecords[r].Length];
            int length = CompactJson.Copy(whole.RawRecords[r], compacted);
            Assert.Equal(isCompact, length == whole.RawRecords[r].Length);
            // Lossless: the event writes back the members, order and values it was read with. The parser has read
            // every record of this input before, and its string and time caches have seen those of every input
            // before it: a cache that handed out another value for similar bytes would show here.
            Assert.True(SameJson.Equal(whole.RawRecords[r], System.Text.Encoding.UTF8.GetBytes(parsed!.ToJson()), out string difference), difference);
        }

        // Except after deflate damage: how much a broken deflate stream decodes before it fails depends on how its
        // input arrives (DeflateStream drops what it decoded in the failing call), and the garbage it decodes
        // first may already end the reading (NotJson).
        if (!whole.Messages.Concat(trickled.Messages).Any(m => m.Contains("corrupt gzip data"))) Assert.Equal(whole.Log, trickled.Log);

        var collected = new Collected();
        using var splitter = new RecordSplitter("fuzz.json", collected, maxRecordBytes: Limit);
        var pieces = new Random(pieceSeed);
        for (int at = 0; at < input.Length && !splitter.Stopped;)
        {
            int n = Math.Min(input.Length - at, 1 + pieces.Next(4096));
            splitter.Append(new ReadOnlySpan<byte>(input, at, n));
            Assert.InRange(splitter.BufferCapacity, 1, Math.Max(64 * 1024, (int)Limit + 2 * 256 * 1024));
            at += n;
        }
        splitter.Drain(isFinal: true);
    }

    private static byte[][] LoadSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (string file in Directory.GetFiles(RepoPaths.Samples, "*", SearchOption.AllDirectories).Where(InputFiles.IsEventFile).OrderBy(f => f, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            seeds.Add(bytes.Length > 32 * 1024 ? bytes.Take(32 * 1024).ToArray() : bytes);
        }
        seeds.Add(Encoding.UTF8.GetBytes("[\n  {\n    \"agent\": {\"rule_id\": \"a\", \"os\": \"windows\"},\n    \"evt\": {\"name\": \"exec\"}\n  },\n  {\n    \"title\": \"b\"\n  }\n]\n"));
        seeds.Add(Encoding.UTF8.GetBytes("{\n  \"title\": \"doc one\"\n}\n{\n  \"title\": \"doc two\"\n}\n"));
        seeds.Add(Encoding.UTF8.GetBytes("{\"agent\":{\"os\":\"windows\",\"rule_id\":\"x\"},\"title\":\"t\",\"evt\":{\"name\":\"exec\",\"category\":\"Process Activity\"},\"process\":{\"pid\":1}}\n"));
        return seeds.ToArray();
    }

    /// <summary>A stream that hands its bytes over in random small reads, as a pipe does.</summary>
    private sealed class TricklingStream : MemoryStream
    {
        private readonly Random _random;

        public TricklingStream(byte[] bytes, Random random) : base(bytes, writable: false) => _random = random;

        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + _random.Next(700)));
    }
}

/// <summary>Breaks inputs the way hostile input does.</summary>
internal static class Mutator
{
    private static readonly byte[][] Tokens =
    {
        new byte[] { 0xFF }, new byte[] { 0xC3, 0x28 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xE0, 0x80, 0xAF }, new byte[] { 0xF4, 0x90, 0x80, 0x80 },
        new byte[] { 0 }, Encoding.ASCII.GetBytes("\\ud800"), Encoding.ASCII.GetBytes("\\udc00"), Encoding.ASCII.GetBytes("\\ud83d\\ude00"),
        Encoding.ASCII.GetBytes("\"a\":1,\"a\":2,"), Encoding.ASCII.GetBytes("\"title\":\"x\","), Encoding.ASCII.GetBytes("\r"), Encoding.ASCII.GetBytes("\n"),
        Encoding.ASCII.GetBytes("\r\n"), Encoding.ASCII.GetBytes("{"), Encoding.ASCII.GetBytes("}"), Encoding.ASCII.GetBytes("["), Encoding.ASCII.GetBytes("]"),
        Encoding.ASCII.GetBytes(","), Encoding.ASCII.GetBytes("\""), Encoding.ASCII.GetBytes("\\"), Encoding.ASCII.GetBytes(" x"), Encoding.ASCII.GetBytes("-0"),
        Encoding.ASCII.GetBytes("1e999"), Encoding.ASCII.GetBytes("\n{\"title\":\"resync\"}\n"), Encoding.ASCII.GetBytes("\"attributes\":{\"attributes\":{}},"),
        Encoding.ASCII.GetBytes("{\"data\":[{\"id\":\"L\",\"attributes\":{\"attributes\":{\"title\":\"p\"}}}]}"),
    };

    public static byte[] Make(Random random, byte[][] seeds)
    {
        var data = new List<byte>(seeds[random.Next(seeds.Length)]);
        int mutations = 1 + random.Next(6);
        for (int m = 0; m < mutations; m++) Mutate(random, data, seeds);
        byte[] bytes = data.ToArray();
        switch (random.Next(12))
        {
            case 0: return Reading.ReadHarness.Gzip(bytes);
            case 1:
                var gz = Reading.ReadHarness.Gzip(bytes);
                return gz.Take(random.Next(gz.Length + 1)).ToArray(); // cut gzip
            case 2:
                var damaged = Reading.ReadHarness.Gzip(bytes);
                if (damaged.Length == 0) return damaged; // GZipStream writes nothing at all for no data
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
                return damaged;
            case 3:
                string text = Encoding.UTF8.GetString(bytes);
                return new byte[] { 0xFF, 0xFE }.Concat(text.SelectMany(c => new[] { (byte)c, (byte)(c >> 8) })).ToArray(); // UTF-16
            default: return bytes;
        }
    }

    private static void Mutate(Random random, List<byte> data, byte[][] seeds)
    {
        int at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
        switch (random.Next(9))
        {
            case 0:
                if (data.Count > 0) data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
            case 2:
                data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
            case 3:
                if (data.Count > 0) data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(1 + random.Next(40), data.Count - Math.Min(at, data.Count - 1)));
                break;
            case 4:
                if (data.Count > 0) data.RemoveRange(at, data.Count - at); // cut
                break;
            case 5:
                int length = Math.Min(data.Count - Math.Min(at, data.Count), 1 + random.Next(200));
                data.InsertRange(Math.Min(at + length, data.Count), data.GetRange(Math.Min(at, data.Count), length)); // repeat a stretch
                break;
            case 6:
                data.InsertRange(at, Encoding.ASCII.GetBytes(new string('[', 300 + random.Next(300)))); // too deep
                break;
            case 7:
                data.InsertRange(at, Encoding.ASCII.GetBytes("\"" + new string('x', 20000 + random.Next(20000)) + "\"")); // bigger than the 16 KiB limit
                break;
            default:
                var other = seeds[random.Next(seeds.Length)];
                int from = random.Next(other.Length);
                data.InsertRange(at, other.Skip(from).Take(1 + random.Next(300))); // splice
                break;
        }
    }
}
