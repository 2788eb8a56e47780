"""The one generic spider; the loader derives a spider per portal profile from it."""
