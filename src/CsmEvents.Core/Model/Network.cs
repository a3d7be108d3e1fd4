using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>Network context of a network event.</summary>
public sealed partial class NetworkContext : CsmObject
{
    /// <summary>JSON: <c>device</c>.</summary>
    public NetworkDevice? Device { get; set; }

    /// <summary>JSON: <c>l3_protocol</c>.</summary>
    public string? L3Protocol { get; set; }

    /// <summary>JSON: <c>l4_protocol</c>.</summary>
    public string? L4Protocol { get; set; }

    /// <summary>JSON: <c>source</c>.</summary>
    public IPPort? Source { get; set; }

    /// <summary>JSON: <c>destination</c>.</summary>
    public IPPort? Destination { get; set; }

    /// <summary>JSON: <c>size</c>.</summary>
    public long? Size { get; set; }

    /// <summary>JSON: <c>network_direction</c>.</summary>
    public string? NetworkDirection { get; set; }

    /// <summary>JSON: <c>type</c>.</summary>
    public string? Type { get; set; }

    internal static readonly ObjectShape<NetworkContext> Shape = new ObjectShape<NetworkContext>(() => new NetworkContext())
            .Object("device", o => o.Device, (o, v) => o.Device = v, NetworkDevice.Shape)
            .String("l3_protocol", o => o.L3Protocol, (o, v) => o.L3Protocol = v)
            .String("l4_protocol", o => o.L4Protocol, (o, v) => o.L4Protocol = v)
            .Object("source", o => o.Source, (o, v) => o.Source = v, IPPort.Shape)
            .Object("destination", o => o.Destination, (o, v) => o.Destination = v, IPPort.Shape)
            .Int64("size", o => o.Size, (o, v) => o.Size = v)
            .String("network_direction", o => o.NetworkDirection, (o, v) => o.NetworkDirection = v)
            .String("type", o => o.Type, (o, v) => o.Type = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A network interface.</summary>
public sealed partial class NetworkDevice : CsmObject
{
    /// <summary>JSON: <c>netns</c>.</summary>
    public long? Netns { get; set; }

    /// <summary>JSON: <c>ifindex</c>.</summary>
    public long? Ifindex { get; set; }

    /// <summary>JSON: <c>ifname</c>.</summary>
    public string? Ifname { get; set; }

    internal static readonly ObjectShape<NetworkDevice> Shape = new ObjectShape<NetworkDevice>(() => new NetworkDevice())
            .Int64("netns", o => o.Netns, (o, v) => o.Netns = v)
            .Int64("ifindex", o => o.Ifindex, (o, v) => o.Ifindex = v)
            .String("ifname", o => o.Ifname, (o, v) => o.Ifname = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An IP address and port.</summary>
public sealed partial class IPPort : CsmObject
{
    /// <summary>JSON: <c>ip</c>.</summary>
    public string? Ip { get; set; }

    /// <summary>JSON: <c>port</c>.</summary>
    public long? Port { get; set; }

    internal static readonly ObjectShape<IPPort> Shape = new ObjectShape<IPPort>(() => new IPPort())
            .String("ip", o => o.Ip, (o, v) => o.Ip = v)
            .Int64("port", o => o.Port, (o, v) => o.Port = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An address family, IP address and port.</summary>
public sealed partial class IPPortFamily : CsmObject
{
    /// <summary>JSON: <c>family</c>.</summary>
    public string? Family { get; set; }

    /// <summary>JSON: <c>ip</c>.</summary>
    public string? Ip { get; set; }

    /// <summary>JSON: <c>port</c>.</summary>
    public long? Port { get; set; }

    internal static readonly ObjectShape<IPPortFamily> Shape = new ObjectShape<IPPortFamily>(() => new IPPortFamily())
            .String("family", o => o.Family, (o, v) => o.Family = v)
            .String("ip", o => o.Ip, (o, v) => o.Ip = v)
            .Int64("port", o => o.Port, (o, v) => o.Port = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A DNS request or response.</summary>
public sealed partial class DNSEvent : CsmObject
{
    /// <summary>JSON: <c>id</c>.</summary>
    public long? Id { get; set; }

    /// <summary>JSON: <c>is_query</c>.</summary>
    public bool? IsQuery { get; set; }

    /// <summary>JSON: <c>question</c>.</summary>
    public DNSQuestion? Question { get; set; }

    /// <summary>JSON: <c>response</c>.</summary>
    public object? Response { get; set; }

    internal static readonly ObjectShape<DNSEvent> Shape = new ObjectShape<DNSEvent>(() => new DNSEvent())
            .Int64("id", o => o.Id, (o, v) => o.Id = v)
            .Boolean("is_query", o => o.IsQuery, (o, v) => o.IsQuery = v)
            .Object("question", o => o.Question, (o, v) => o.Question = v, DNSQuestion.Shape)
            .Plain("response", o => o.Response, (o, v) => o.Response = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The question of a DNS message.</summary>
public sealed partial class DNSQuestion : CsmObject
{
    /// <summary>JSON: <c>class</c>.</summary>
    public string? Class { get; set; }

    /// <summary>JSON: <c>type</c>.</summary>
    public string? Type { get; set; }

    /// <summary>JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>size</c>.</summary>
    public long? Size { get; set; }

    /// <summary>JSON: <c>count</c>.</summary>
    public long? Count { get; set; }

    internal static readonly ObjectShape<DNSQuestion> Shape = new ObjectShape<DNSQuestion>(() => new DNSQuestion())
            .String("class", o => o.Class, (o, v) => o.Class = v)
            .String("type", o => o.Type, (o, v) => o.Type = v)
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .Int64("size", o => o.Size, (o, v) => o.Size = v)
            .Int64("count", o => o.Count, (o, v) => o.Count = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A connect call.</summary>
public sealed partial class ConnectEvent : CsmObject
{
    /// <summary>JSON: <c>addr</c>.</summary>
    public IPPortFamily? Addr { get; set; }

    /// <summary>JSON: <c>hostnames</c>.</summary>
    public string[]? Hostnames { get; set; }

    /// <summary>JSON: <c>protocol</c>.</summary>
    public string? Protocol { get; set; }

    internal static readonly ObjectShape<ConnectEvent> Shape = new ObjectShape<ConnectEvent>(() => new ConnectEvent())
            .Object("addr", o => o.Addr, (o, v) => o.Addr = v, IPPortFamily.Shape)
            .Strings("hostnames", o => o.Hostnames, (o, v) => o.Hostnames = v)
            .String("protocol", o => o.Protocol, (o, v) => o.Protocol = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A bind call.</summary>
public sealed partial class BindEvent : CsmObject
{
    /// <summary>JSON: <c>addr</c>.</summary>
    public IPPortFamily? Addr { get; set; }

    /// <summary>JSON: <c>protocol</c>.</summary>
    public string? Protocol { get; set; }

    internal static readonly ObjectShape<BindEvent> Shape = new ObjectShape<BindEvent>(() => new BindEvent())
            .Object("addr", o => o.Addr, (o, v) => o.Addr = v, IPPortFamily.Shape)
            .String("protocol", o => o.Protocol, (o, v) => o.Protocol = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An accept call.</summary>
public sealed partial class AcceptEvent : CsmObject
{
    /// <summary>JSON: <c>addr</c>.</summary>
    public IPPortFamily? Addr { get; set; }

    /// <summary>JSON: <c>hostnames</c>.</summary>
    public string[]? Hostnames { get; set; }

    internal static readonly ObjectShape<AcceptEvent> Shape = new ObjectShape<AcceptEvent>(() => new AcceptEvent())
            .Object("addr", o => o.Addr, (o, v) => o.Addr = v, IPPortFamily.Shape)
            .Strings("hostnames", o => o.Hostnames, (o, v) => o.Hostnames = v);

    internal override IObjectShape ShapeOf => Shape;
}
