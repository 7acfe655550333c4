namespace NotebookRunner.Scripting;

/// <summary>A package a cell asked for with <c>#r "nuget: ..."</c>.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The version or range, or null for the latest.</param>
internal sealed record PackageRequest(string Name, string? Version);
