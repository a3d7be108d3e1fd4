using System.IO;
using System.Linq;
using System.Xml.Linq;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>Views designed for types that do not exist yet (src/CsmEvents.Module/PendingViews): kept well-formed,
/// and moved into the format file as soon as their type exists.</summary>
public class PendingViewsTests
{
    public static TheoryData<string> PendingViews()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(RepoPaths.InRepo("src", "CsmEvents.Module", "PendingViews"), "*.view.xml").OrderBy(f => f)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(PendingViews))]
    public void APendingViewIsMovedIntoTheFormatFileOnceItsTypeExists(string file)
    {
        var view = XDocument.Load(RepoPaths.InRepo("src", "CsmEvents.Module", "PendingViews", file)).Root!;
        Assert.Equal("View", view.Name.LocalName);
        string typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
        Assert.True(ModuleLayout.FindType(typeName) == null,
            typeName + " now exists: move the <View> of PendingViews/" + file + " into CsmEvents.Format.ps1xml and delete the file (see PendingViews/README.md)");
        Assert.NotEmpty(view.Descendants("TableColumnHeader"));
    }
}
