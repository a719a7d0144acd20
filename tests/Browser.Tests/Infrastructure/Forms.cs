using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>Form controls as a person uses them, found by their accessible names, and the error shown at a field.</summary>
public static class Forms
{
    /// <summary>Chooses <paramref name="option"/> in the select named <paramref name="label"/> (MudSelect opens a list of options).</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>The input named <paramref name="label"/>.</summary>
    public static ILocator Field(this IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>The message under the field named <paramref name="label"/>: its error after a refused save.</summary>
    public static ILocator FieldError(this IPage page, string label) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) }).Locator(".mud-input-helper-text.mud-input-error").First;

    /// <summary>Follows a link of the navigation menu: a client-side navigation that keeps the page's circuit.</summary>
    public static Task NavigateAsync(this IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    public static Task ClickButtonAsync(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
}
