namespace CsmEvents.Tests.HelpBuilder;

/// <summary>A small PlatyPS page with every construct the converter handles, and ways to break it.</summary>
internal static class SamplePage
{
    public const string File = "docs/Get-Thing.md";

    public const string Text = """
---
external help file: CsmEvents.dll-Help.xml
Module Name: CsmEvents
online version:
schema: 2.0.0
---

# Get-Thing

## SYNOPSIS
Gets things
from places.

## SYNTAX

### Path (Default)
```
Get-Thing [-Path] <String[]> [-Recurse] [-Kind <ThingKind>] [<CommonParameters>]
```

### Name
```
Get-Thing -Name <String> [-Kind <ThingKind>] [<CommonParameters>]
```

## DESCRIPTION
`Get-Thing` reads **things**, see
[Get-Other](Get-Other.md) and [the site](https://example.org/things).

It reads:

- files;
- folders, with
  `-Recurse`;
* pipes.

## EXAMPLES

### Example 1: Read a file
```powershell
PS> Get-Thing a.txt
## not a heading
thing
```

Reads one file.

Really.

### Example 2: Two commands
Before the code.

```powershell
PS> $t = Get-Thing -Name x
```
```powershell
PS> $t
```

## PARAMETERS

### -Kind
The kind of thing.

```yaml
Type: ThingKind
Parameter Sets: (All)
Aliases:
Accepted values: Big, Small

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### -Name
A name, with wildcards.

```yaml
Type: String
Parameter Sets: Name
Aliases: N

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: True
```

### -Path
Paths to read.

Second paragraph.

```yaml
Type: String[]
Parameter Sets: Path
Aliases: PSPath, P

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: True
```

### -Recurse
Reads subfolders.

```yaml
Type: SwitchParameter
Parameter Sets: Path
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters. See
[about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

## INPUTS

### System.String[]
Paths.

## OUTPUTS

### Thing.Item
One per thing.

## NOTES
Error ids:

| Error id | Category | When |
|---|---|---|
| NoThing | ObjectNotFound | Nothing `a|b` there. |
| BadThing | InvalidData | A bad thing. |

## RELATED LINKS

[Get-Other](Get-Other.md)

[Online docs](https://example.org/get-thing)
""";

    /// <summary>The sample with one exact piece of text replaced (the piece must be there).</summary>
    public static string With(string oldText, string newText)
    {
        Assert.Contains(oldText, Text);
        return Text.Replace(oldText, newText);
    }

    /// <summary>The 1-based number of the line of the sample that starts with <paramref name="start"/>.</summary>
    public static int LineOf(string text, string start)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++) if (lines[i].StartsWith(start, System.StringComparison.Ordinal)) return i + 1;
        throw new Xunit.Sdk.XunitException("no line starts with " + start);
    }
}
