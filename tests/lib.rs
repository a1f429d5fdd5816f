mod html;
