using System;
using System.IO;

namespace CsmEvents.Bench;

/// <summary>A read-only stream of generated events (JSON lines or one JSON array) of a given size, produced on the
/// fly so that gigabyte inputs never sit in memory: what the reader's memory use is measured against.</summary>
internal sealed class GeneratedEventStream : CsmEvents.Reading.ReadOnlyStream
{
    private readonly EventGenerator _generator = new(42);
    private readonly long _targetBytes;
    private readonly bool _asArray;
    private readonly MemoryStream _pending = new();
    private long _produced;
    private int _events;
    private bool _finished;

    public GeneratedEventStream(long targetBytes, bool asArray)
    {
        _targetBytes = targetBytes;
        _asArray = asArray;
        if (asArray)
        {
            _pending.WriteByte((byte)'[');
            _pending.Position = 0; // the bracket is still to be read
        }
    }

    public int Events => _events;

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_pending.Length - _pending.Position < count && !_finished) Produce();
        int n = _pending.Read(buffer, offset, count);
        if (_pending.Position == _pending.Length)
        {
            _pending.SetLength(0);
        }
        return n;
    }

    private void Produce()
    {
        long keep = _pending.Length - _pending.Position;
        if (_pending.Position > 0)
        {
            var rest = new byte[keep];
            _pending.Read(rest, 0, (int)keep);
            _pending.SetLength(0);
            _pending.Write(rest, 0, rest.Length);
            _pending.Position = 0;
        }
        long before = _pending.Length;
        _pending.Position = _pending.Length;
        if (_produced >= _targetBytes)
        {
            if (_asArray) _pending.WriteByte((byte)']');
            _finished = true;
        }
        else
        {
            if (_asArray && _events > 0) _pending.WriteByte((byte)',');
            _generator.WriteLine(_pending, windows: _events % 10 == 9);
            _events++;
        }
        _produced += _pending.Length - before;
        _pending.Position = 0;
    }

}
