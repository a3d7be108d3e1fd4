using System.Text;
using CsmEvents.Reading;

namespace CsmEvents.Tests.Reading;

public class CompactJsonTests
{
    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("{ \"a\" : [ 1 , true , null ] ,\r\n\t\"b\" : { } }", "{\"a\":[1,true,null],\"b\":{}}")]
    [InlineData("{\"cmd\": \"cmd.exe /c \\\"a b\\\"\", \"x\": 2}", "{\"cmd\":\"cmd.exe /c \\\"a b\\\"\",\"x\":2}")]
    [InlineData("{\"p\": \"C:\\\\dir\\\\\", \"q\": \" \"}", "{\"p\":\"C:\\\\dir\\\\\",\"q\":\" \"}")]
    [InlineData("{\"e\": \"\\u00e9\\u0020\\/\", \"n\": 12345678901234567890, \"f\": 1.50e+3}", "{\"e\":\"\\u00e9\\u0020\\/\",\"n\":12345678901234567890,\"f\":1.50e+3}")]
    [InlineData("{\"k\": \"é ü\"}", "{\"k\":\"é ü\"}")]
    [InlineData("{\"a\":\"x\\\\\",\"b\":\"\\\\\\\" \"}", "{\"a\":\"x\\\\\",\"b\":\"\\\\\\\" \"}")]
    [InlineData("{\"a\":\"x\\\\\" ,\"b\":1 }", "{\"a\":\"x\\\\\",\"b\":1}")]
    // Whitespace only inside strings (titles, command lines) and then between tokens, far after it.
    [InlineData("{\"t\":\"a b\",\"c\":\"d\\\" e\",\"p\":\"/x\",\"x\":1}", "{\"t\":\"a b\",\"c\":\"d\\\" e\",\"p\":\"/x\",\"x\":1}")]
    [InlineData("{\"t\":\"a b\",\"c\":\"d e\",\"p\":\"/x\",\"x\": 1}", "{\"t\":\"a b\",\"c\":\"d e\",\"p\":\"/x\",\"x\":1}")]
    [InlineData("{\"t\":\"a b\"\t,\"x\":1}", "{\"t\":\"a b\",\"x\":1}")]
    [InlineData("{\"t\":\" \",\"u\":[\"\\\\\",\" \\\"\\\\ \"] }", "{\"t\":\" \",\"u\":[\"\\\\\",\" \\\"\\\\ \"]}")]
    public void RemovesOnlyTheWhitespaceBetweenTokens(string json, string expected)
    {
        byte[] input = Encoding.UTF8.GetBytes(json);
        var output = new byte[input.Length];
        int length = CompactJson.Copy(input, output);
        Assert.Equal(expected, Encoding.UTF8.GetString(output, 0, length));
    }
}

public class RecordCheckCompactnessTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,"x y"],"c":{}}""", true)]
    [InlineData("""{"p\u0069d":"C:\\Windows\\x.exe","e":[]}""", true)]
    [InlineData("""{ "a":1}""", false)]
    [InlineData(""" {"a":1}""", false)]
    [InlineData("""{"a" :1}""", false)]
    [InlineData("""{"a": 1}""", false)]
    [InlineData("""{"a":1 ,"b":2}""", false)]
    [InlineData("""{"a":1, "b":2}""", false)]
    [InlineData("""{"a":[1 ]}""", false)]
    [InlineData("{\"a\":1}\r", false)]
    [InlineData("{\"a\":1}\n", false)]
    [InlineData("{\n\"a\":1}", false)]
    public void TheRecordCheckSaysWhetherARecordIsAlreadyCompact(string json, bool compact)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        Assert.Null(CsmEvents.Reading.RecordCheck.Check(bytes, new CsmEvents.Model.EventSource("in.json", 1), out bool isCompact));
        Assert.Equal(compact, isCompact);
    }
}
