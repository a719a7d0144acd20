using Linkwatch.Server.Dashboard;
using Linkwatch.Server.Dashboard.Components;
using MudBlazor;

namespace Linkwatch.Dashboard.Tests;

public sealed class StatusChipTests : ComponentTest
{
    [Theory]
    [InlineData("up", Color.Success, "mud-chip-color-success")]
    [InlineData("degraded", Color.Warning, "mud-chip-color-warning")]
    [InlineData("down", Color.Error, "mud-chip-color-error")]
    [InlineData("waiting", Color.Default, "mud-chip-color-default")]
    [InlineData("something-new", Color.Default, "mud-chip-color-default")]
    public void Each_status_has_its_one_colour(string status, Color color, string cssClass)
    {
        Assert.Equal(color, StatusStyle.Of(status));
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));
        var element = chip.Find(".status-chip");
        Assert.Contains(cssClass, element.ClassName);
        Assert.Equal(status, element.GetAttribute("data-status"));
        Assert.Equal(status, element.TextContent.Trim());
    }

    [Fact]
    public void Alert_states_map_open_red_acknowledged_amber_resolved_green()
    {
        Assert.Equal(Color.Error, StatusStyle.OfAlert("open"));
        Assert.Equal(Color.Warning, StatusStyle.OfAlert("acknowledged"));
        Assert.Equal(Color.Success, StatusStyle.OfAlert("resolved"));
    }
}
