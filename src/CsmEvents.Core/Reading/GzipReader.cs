using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace CsmEvents.Reading;

/// <summary>
/// Decompresses gzip (one member or several, as <c>cat a.gz b.gz</c> makes) and checks what GZipStream leaves
/// unsaid: a file cut anywhere (GZipStream just ends, as if the data were complete) and the CRC-32 and length in
/// each member's trailer. GZipStream does check the CRC, but throws away the bytes it decoded in the same call,
/// records that were intact. Here the header is parsed, the deflate data decoded by a raw DeflateStream, and the
/// checksum computed on the way; every decoded byte is handed over before a problem is reported (as a
/// <see cref="GzipDataException"/>, after the records it follows).
/// </summary>
internal sealed class GzipReader : ReadOnlyStream
{
    private readonly Stream _raw;
    private readonly byte[] _input = new byte[64 * 1024];
    private int _inputPosition;      // next byte to give the inflater, or to parse
    private int _inputLength;        // valid bytes in _input
    private int _lastServedStart;    // where the inflater's last piece of input began
    private bool _rawEnded;
    private bool _starved;           // the inflater asked for input after the end of it
    private bool _lastServedOne;     // the inflater's last piece was one byte of the input's tail
    private DeflateStream? _deflate;
    private uint _crc;
    private long _memberLength;
    private long _members;
    private bool _done;

    public GzipReader(Stream raw) => _raw = raw;

    /// <summary>Decompressed bytes handed over so far.</summary>
    public long BytesDecompressed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (!_done)
        {
            if (_deflate == null && !StartMember())
            {
                _done = true;
                break;
            }
            int read = _deflate!.Read(buffer, offset, count);
            if (read > 0)
            {
                _crc = Crc32.Append(_crc, new ReadOnlySpan<byte>(buffer, offset, read));
                _memberLength += read;
                BytesDecompressed += read;
                return read;
            }
            EndMember();
        }
        return 0;
    }

    /// <summary>Parses the next member's header; false at the end of the input (after at least one member).</summary>
    private bool StartMember()
    {
        if (!Available(1))
        {
            if (_members > 0) return false;
            throw Truncated("the input is empty");
        }
        if (!Available(2) || _input[_inputPosition] != 0x1F || _input[_inputPosition + 1] != 0x8B)
        {
            // Only after a complete member: the first one's magic bytes are what made this a gzip input.
            throw new GzipDataException("unexpected data after the end of the gzip data (at compressed byte " + RawPosition() + "): it is not another gzip member and was not read", GzipProblem.TrailingData);
        }
        if (!Available(10)) throw Truncated("the input ends inside the gzip header");
        byte method = _input[_inputPosition + 2];
        byte flags = _input[_inputPosition + 3];
        if (method != 8) throw new GzipDataException("unsupported gzip compression method " + method + " (only deflate, 8, exists)", GzipProblem.Header);
        if ((flags & 0xE0) != 0) throw new GzipDataException("corrupt gzip header: reserved flag bits are set", GzipProblem.Header);
        _inputPosition += 10;
        if ((flags & 0x04) != 0) // FEXTRA: a two-byte length, then that many bytes
        {
            if (!Available(2)) throw Truncated("the input ends inside the gzip header");
            int extra = _input[_inputPosition] | (_input[_inputPosition + 1] << 8);
            _inputPosition += 2;
            SkipHeaderBytes(extra);
        }
        if ((flags & 0x08) != 0) SkipZeroTerminated(); // FNAME
        if ((flags & 0x10) != 0) SkipZeroTerminated(); // FCOMMENT
        if ((flags & 0x02) != 0) SkipHeaderBytes(2);   // FHCRC
        _crc = 0;
        _memberLength = 0;
        _starved = false;
        _lastServedOne = false;
        _lastServedStart = _inputPosition;
        _deflate = new DeflateStream(new InflaterInput(this), CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The deflate data of a member has ended: its trailer (CRC-32 and length, 8 bytes) follows it, somewhere
    /// in the last piece of input the inflater took (it reads ahead, and does not say how far it got).</summary>
    private void EndMember()
    {
        _deflate!.Dispose();
        _deflate = null;
        Span<byte> trailer = stackalloc byte[8];
        WriteUInt32(trailer, _crc);
        WriteUInt32(trailer.Slice(4), unchecked((uint)_memberLength));
        bool trailerRoom = Available(8); // 8 bytes after the served input: false when the input ends before
        for (int p = Math.Min(_lastServedStart, _inputPosition); p + 8 <= _inputLength && p <= _inputPosition; p++)
        {
            if (new ReadOnlySpan<byte>(_input, p, 8).SequenceEqual(trailer))
            {
                _inputPosition = p + 8;
                _members++;
                _starved = false;
                return;
            }
        }
        // No trailer where it belongs. The inflater ran out of input: the file is cut inside the compressed data.
        // The deflate data ended within the last Tail bytes (served one by one, so _inputPosition is its exact end)
        // and fewer than 8 bytes follow: cut inside the trailer. Otherwise the data ended by itself and what
        // follows is not its trailer: damaged. All three are decided by the bytes alone, never by how they arrived.
        if (_starved) throw Truncated("the input ends inside the compressed data");
        if (_lastServedOne && !trailerRoom) throw Truncated("the input ends inside the gzip trailer");
        throw new GzipDataException("gzip checksum mismatch: the CRC-32 or length stored in the file does not match the " +
            _memberLength.ToString(CultureInfo.InvariantCulture) + " bytes decompressed from it", GzipProblem.Checksum);
    }

    private GzipDataException Truncated(string where) => new(
        "truncated gzip: " + where + " after " + BytesDecompressed.ToString(CultureInfo.InvariantCulture) +
        " decompressed bytes; the records before the cut were read, the rest of the file is missing", GzipProblem.Truncated);

    private void SkipHeaderBytes(int count)
    {
        while (count > 0)
        {
            if (!Available(1)) throw Truncated("the input ends inside the gzip header");
            int n = Math.Min(count, _inputLength - _inputPosition);
            _inputPosition += n;
            count -= n;
        }
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            if (!Available(1)) throw Truncated("the input ends inside the gzip header");
            if (_input[_inputPosition++] == 0) return;
        }
    }

    /// <summary>Makes <paramref name="count"/> bytes from _inputPosition available, reading more input (and keeping the
    /// last served piece, where a trailer may be); false when the input ends first.</summary>
    private bool Available(int count)
    {
        if (_inputLength - _inputPosition >= count) return true;
        int keepFrom = Math.Min(_lastServedStart, _inputPosition);
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_input, keepFrom, _input, 0, _inputLength - keepFrom);
            _inputLength -= keepFrom;
            _inputPosition -= keepFrom;
            _lastServedStart -= keepFrom;
            _rawConsumedBefore += keepFrom;
        }
        while (_inputLength - _inputPosition < count && _inputLength < _input.Length && !_rawEnded)
        {
            int read = _raw.Read(_input, _inputLength, _input.Length - _inputLength);
            if (read == 0) _rawEnded = true;
            _inputLength += read;
        }
        return _inputLength - _inputPosition >= count;
    }

    private long _rawConsumedBefore;

    private long RawPosition() => _rawConsumedBefore + _inputPosition;

    /// <summary>Gives the inflater input, a piece at a time, remembering where the last piece began.</summary>
    private int Serve(byte[] buffer, int offset, int count)
    {
        // The last Tail bytes of the input go to the inflater one at a time, so that where the deflate data ends
        // there is known to the byte; before that, Tail bytes are kept back until more input (or its end) comes.
        const int Tail = 16;
        if (_inputLength - _inputPosition <= Tail && !_rawEnded)
        {
            Available(Tail + 1);
        }
        if (_inputPosition == _inputLength)
        {
            _starved = true;
            return 0;
        }
        int left = _inputLength - _inputPosition;
        int n = left <= Tail && _rawEnded ? 1 : Math.Min(count, _rawEnded ? left - Tail : Math.Max(1, left - Tail));
        Buffer.BlockCopy(_input, _inputPosition, buffer, offset, n);
        _lastServedStart = _inputPosition;
        _lastServedOne = n == 1 && left <= Tail;
        _inputPosition += n;
        return n;
    }

    private static void WriteUInt32(Span<byte> target, uint value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
        target[3] = (byte)(value >> 24);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _deflate?.Dispose();
        base.Dispose(disposing);
    }

    private sealed class InflaterInput : ReadOnlyStream
    {
        private readonly GzipReader _owner;

        public InflaterInput(GzipReader owner) => _owner = owner;

        public override int Read(byte[] buffer, int offset, int count) => _owner.Serve(buffer, offset, count);
    }
}

/// <summary>What <see cref="GzipReader"/> found wrong.</summary>
internal enum GzipProblem { Header, Truncated, Checksum, TrailingData }

/// <summary>A gzip problem found by <see cref="GzipReader"/>, with the message a user sees.</summary>
internal sealed class GzipDataException : IOException
{
    public GzipDataException(string message, GzipProblem problem) : base(message) => Problem = problem;

    public GzipProblem Problem { get; }
}
